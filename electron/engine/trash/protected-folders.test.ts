import { copyFile, mkdir, mkdtemp, realpath, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerEngineCall } from '../api/engine-adapter';
import { DoppelEngine } from '../doppel-engine';
import { photoLikePixels, rawImage, writeImage } from '../testing/photo-fixtures';
import { folderTrashBin } from './trash-bin';

/** Protected (reference) folders, end to end on the embedded database: never trashed, always the keeper. */
describe('protected folders', () => {
  let work: string;
  let dataDir: string;
  let engine: DoppelEngine;
  let archive: string;
  let card: string;
  let archived: string;
  let copy: string;

  const open = () =>
    DoppelEngine.open({ dataDir, role: 'test', model: 'none', trash: folderTrashBin(join(work, 'trash')) });

  beforeAll(async () => {
    work = await realpath(await mkdtemp(join(tmpdir(), 'doppel-protected-')));
    dataDir = join(work, 'data');
    // The card's copy has the older file time (no EXIF date): without protection it would be the keeper.
    archive = join(work, 'lib', 'Master archive');
    card = join(work, 'lib', 'c');
    archived = join(archive, '2024', 'summer', 'IMG_0001.jpg');
    copy = join(card, 'IMG_0001.jpg');
    await writeImage(archived, rawImage(photoLikePixels(7)).jpeg({ quality: 85 }));
    await mkdir(card, { recursive: true });
    await copyOlder(archived, copy);
    engine = await open();
    await engine.indexFolders({ paths: [archive, card] });
  });

  afterAll(async () => {
    await engine?.close();
    await rm(work, { recursive: true, force: true });
  });

  async function copyOlder(from: string, to: string): Promise<void> {
    await copyFile(from, to);
    const older = new Date(Date.UTC(2001, 0, 1));
    await utimes(to, older, older);
  }

  const keeper = async () => (await engine.duplicates({ kinds: ['identical'] })).groups[0]?.keeper;

  it('is off by default, and the older file is the keeper of two identical files', async () => {
    expect((await engine.status()).folders.map((f) => f.protected)).toEqual([false, false]);
    expect(await keeper()).toBe(copy);
  });

  it('makes a protected folder’s photo the keeper at once, in the graph every face groups', async () => {
    const answer = await answerEngineCall(engine, 'protectFolder', { path: archive, protected: true });
    expect(answer).toEqual({ result: { path: archive, protected: true } });
    expect((await engine.status()).folders.find((f) => f.path === archive)?.protected).toBe(true);
    expect((await engine.duplicateGraph()).protectedFolders).toEqual([archive]);
    expect(await keeper()).toBe(archived);
  });

  it('never trashes a photo in a protected folder, saying why, and still trashes the copy elsewhere', async () => {
    const result = await engine.trash({ paths: [archived, copy] });
    expect(result.failed).toEqual([
      {
        path: archived,
        error: 'it is in a protected folder (Master archive); Doppel never trashes it',
      },
    ]);
    expect(result.trashed).toEqual([copy]);
    expect((await stat(archived)).isFile()).toBe(true);
    // Put the copy back for the tests below.
    await copyOlder(archived, copy);
    await engine.indexFolders({ paths: [card] });
  });

  it('keeps the protection across a restart (it is stored with the folder)', async () => {
    await engine.close();
    engine = await open();
    expect((await engine.status()).folders.find((f) => f.path === archive)?.protected).toBe(true);
    expect((await engine.trash({ paths: [archived] })).trashed).toEqual([]);
  });

  it('refuses to protect a folder that is not a library folder', async () => {
    const answer = await answerEngineCall(engine, 'protectFolder', {
      path: join(archive, '2024'),
      protected: true,
    });
    expect(answer.error?.code).toBe('not-a-library-folder');
    expect(answer.error?.message).toMatch(/is not a library folder; nothing was protected/);
  });

  it('passes the protection on to a new folder that takes a protected one over', async () => {
    const lib = join(work, 'lib');
    await engine.indexFolders({ paths: [lib] });
    const folders = (await engine.status()).folders;
    expect(folders.map((f) => [f.path, f.protected])).toEqual([[lib, true]]);
    expect((await engine.trash({ paths: [copy] })).failed[0]?.error).toMatch(/protected folder \(/);
  });

  it('lifts the protection: the older file is the keeper again and the copy may go', async () => {
    await engine.protectFolder({ path: join(work, 'lib'), protected: false });
    expect((await engine.status()).folders.map((f) => f.protected)).toEqual([false]);
    expect(await keeper()).toBe(copy);
    expect((await engine.trash({ paths: [archived] })).trashed).toEqual([archived]);
  });
});
