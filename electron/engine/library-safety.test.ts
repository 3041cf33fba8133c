import {
  link,
  mkdtemp,
  readdir,
  readFile,
  realpath,
  rename,
  rm,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoppelEngine } from './doppel-engine';
import { openTestEngine } from './testing/test-engine';
import { storageTargets } from './testing/storage-targets';
import { photoLikePixels, rawImage, writeImage } from './testing/photo-fixtures';

/** What must never cost a photographer a photo: real chdb, the tiny model, generated photos. */
describe.each(storageTargets())('library safety ($name)', (storage) => {
  let work: string;
  let engine: DoppelEngine;

  beforeAll(async () => {
    // Real name: on macOS the temp folder itself is reached through a symlink.
    work = await realpath(await mkdtemp(join(tmpdir(), 'doppel-safety-')));
    engine = await openTestEngine(work, { storage });
  });

  afterAll(async () => {
    await engine?.close();
    await rm(work, { recursive: true, force: true });
  });

  async function photos(folder: string, count: number, seed: number): Promise<string[]> {
    const paths: string[] = [];
    for (let i = 0; i < count; i++) {
      const path = join(folder, `IMG_${seed + i}.jpg`);
      await writeImage(path, rawImage(photoLikePixels(seed + i)).jpeg({ quality: 85 }));
      paths.push(path);
    }
    return paths;
  }

  const imagesIn = async (folder: string) =>
    (await engine.status()).folders.find((f) => f.path === folder)?.images ?? 0;

  it('refuses a second name (a symlink) for a library folder, and a folder inside one', async () => {
    const lib = join(work, 'lib');
    await photos(join(lib, '2024'), 2, 100);
    await engine.indexFolders({ paths: [lib] });
    const alias = join(work, 'link');
    await symlink(lib, alias);
    await expect(engine.indexFolders({ paths: [alias] })).rejects.toThrow(
      `${alias} is already in the library (inside ${lib})`,
    );
    await expect(engine.indexFolders({ paths: [join(alias, '2024')] })).rejects.toThrow(
      /is already in the library \(inside /,
    );
    expect((await engine.status()).folders.map((f) => f.path)).toEqual([lib]);
    expect((await engine.status()).images).toBe(2);
    // A rescan of the folder by its own name is still a rescan.
    expect((await engine.indexFolders({ paths: [lib] })).skipped).toBe(2);
  });

  it('stores a folder reached through a symlink by its real name', async () => {
    const real = join(work, 'real-disk', 'Pictures');
    await photos(real, 1, 200);
    const alias = join(work, 'pictures-alias');
    await symlink(real, alias);
    const result = await engine.indexFolders({ paths: [alias] });
    expect(result.indexed).toBe(1);
    expect((await engine.status()).folders.map((f) => f.path)).toContain(real);
    expect((await engine.status()).folders.map((f) => f.path)).not.toContain(alias);
    await engine.removeFolder({ path: real });
  });

  it('absorbs library folders inside a newly added parent (no photo under two roots)', async () => {
    const parent = join(work, 'parent');
    await photos(join(parent, 'a'), 1, 300);
    await photos(join(parent, 'b'), 1, 310);
    await engine.indexFolders({ paths: [join(parent, 'a')] });
    await engine.indexFolders({ paths: [parent] });
    const folders = (await engine.status()).folders.map((f) => f.path);
    expect(folders).toContain(parent);
    expect(folders).not.toContain(join(parent, 'a'));
    expect(await imagesIn(parent)).toBe(2);
    expect((await engine.status()).images).toBe(4); // with lib/'s two
    await engine.removeFolder({ path: parent });
  });

  it('refuses to trash one name of a hard-linked file: it is the same file, not a copy', async () => {
    const folder = join(work, 'hardlinks');
    const [original] = await photos(folder, 1, 400);
    const second = join(folder, 'also.jpg');
    await link(original!, second);
    await engine.indexFolders({ paths: [folder] });
    const result = await engine.trash({ paths: [second] });
    expect(result.trashed).toEqual([]);
    expect(result.failed).toEqual([
      { path: second, error: `this is the same file as ${original}, not a copy` },
    ]);
    const both = await engine.trash({ paths: [original!, second] });
    expect(both.trashed).toEqual([]);
    expect(await readdir(folder)).toHaveLength(2);
  });

  it('trashes one of two real copies', async () => {
    const folder = join(work, 'copies');
    const [original] = await photos(folder, 1, 500);
    const copy = join(folder, 'copy.jpg');
    await writeFile(copy, await readFile(original!));
    await engine.indexFolders({ paths: [folder] });
    expect((await engine.trash({ paths: [copy] })).trashed).toEqual([copy]);
  });

  it('refuses to trash a file changed since it was indexed', async () => {
    const folder = join(work, 'edited');
    const [edited, touched] = await photos(folder, 2, 600);
    await engine.indexFolders({ paths: [folder] });
    await writeImage(edited!, rawImage(photoLikePixels(9999)).jpeg({ quality: 70 }));
    const later = new Date(Date.now() + 60_000);
    await utimes(touched!, later, later);
    const result = await engine.trash({ paths: [edited!, touched!] });
    expect(result.trashed).toEqual([]);
    expect(result.failed.map((f) => f.error)).toEqual([
      'changed since Doppel read it: rescan first',
      'changed since Doppel read it: rescan first',
    ]);
    expect(await readdir(folder)).toHaveLength(2);
    await engine.indexFolders({ paths: [folder] });
    expect((await engine.trash({ paths: [edited!] })).trashed).toEqual([edited]);
  });

  it('indexes the folders that are there and reports a missing one, which stays in the library', async () => {
    const drive = join(work, 'media', 'card');
    await photos(drive, 2, 700);
    const home = join(work, 'home-photos');
    await photos(home, 1, 720);
    await engine.indexFolders({ paths: [drive, home] });
    await rename(drive, join(work, 'media', 'card-unplugged'));
    await photos(home, 1, 730);
    const missing = join(work, 'never-existed');
    const result = await engine.indexFolders({ paths: [drive, home, missing] });
    expect(result.indexed).toBe(1);
    expect(result.removed).toBe(0);
    expect(result.errors).toEqual([
      { path: drive, error: 'not found — is the drive connected?' },
      { path: missing, error: 'not found — is the drive connected?' },
    ]);
    const folders = (await engine.status()).folders;
    expect(folders.find((f) => f.path === drive)?.images).toBe(2);
    expect(folders.map((f) => f.path)).not.toContain(missing);
    await expect(engine.indexFolders({ paths: [drive] })).rejects.toThrow(
      `${drive} not found — is the drive connected?`,
    );
    await rename(join(work, 'media', 'card-unplugged'), drive);
    expect((await engine.indexFolders({ paths: [drive] })).skipped).toBe(2);
  });

  it('removing a folder while it is being indexed leaves nothing of it behind', async () => {
    const folder = join(work, 'big');
    await photos(folder, 24, 800);
    let removal: Promise<unknown> | null = null;
    const stop = engine.onEvent((event, payload) => {
      const progress = payload as { phase: string; done: number };
      if (event === 'indexProgress' && progress.phase === 'embedding' && progress.done > 0 && !removal)
        removal = engine.removeFolder({ path: folder });
    });
    const run = await engine.indexFolders({ paths: [folder] });
    stop();
    expect(removal).not.toBeNull();
    await removal;
    expect(run.cancelled).toBe(true);
    const status = await engine.status();
    expect(status.folders.map((f) => f.path)).not.toContain(folder);
    expect(await engine.isIndexed(join(folder, 'IMG_800.jpg'))).toBe(false);
    const left = await engine.search({ image: { path: join(folder, 'IMG_801.jpg') }, limit: 100 });
    expect(left.results.filter((r) => r.path.startsWith(folder))).toEqual([]);
  });

  it('keeps thumbnails in a folder of their own, never inside a library folder', async () => {
    const lib = join(work, 'lib');
    await expect(engine.updateSettings({ thumbnailCacheDir: join(lib, '2024') })).rejects.toThrow(
      `The thumbnail folder ${join(lib, '2024')} is inside the library folder ${lib}`,
    );
    await expect(engine.updateSettings({ thumbnailCacheDir: join(work, 'link', 'new') })).rejects.toThrow(
      /is inside the library folder/,
    );
    const chosen = join(work, 'Pictures');
    await photos(join(chosen, '2019'), 1, 900);
    await engine.updateSettings({ thumbnailCacheDir: chosen });
    expect(await engine.media.thumbnail(join(lib, '2024', 'IMG_100.jpg'), 128)).not.toBeNull();
    expect((await readdir(chosen)).sort()).toEqual(['2019', 'Doppel Thumbnails']);
    // Nor the other way round: a new library folder holding the thumbnail folder is refused.
    await expect(engine.indexFolders({ paths: [chosen] })).rejects.toThrow(
      `${chosen} holds Doppel's thumbnail folder ${join(chosen, 'Doppel Thumbnails')}`,
    );
    expect((await engine.status()).folders.map((f) => f.path)).not.toContain(chosen);
  });
});
