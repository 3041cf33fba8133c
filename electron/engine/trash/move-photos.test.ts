import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, mkdtemp, readdir, readFile, realpath, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoppelEngine } from '../doppel-engine';
import { openTestEngine } from '../testing/test-engine';
import { photoLikePixels, rawImage, writeImage } from '../testing/photo-fixtures';

// The cross-drive copy (flushed, size and sha256 checked, then the original removed) is tested in
// move-without-overwrite.test.ts: the only second file system here, /dev/shm, is inside /dev, a system folder
// that a move rightly refuses.
/** "Move the others to a folder" through the engine: real chdb, the tiny model, generated photos. */
describe('moving photos to a folder', () => {
  let work: string;
  let engine: DoppelEngine;

  beforeAll(async () => {
    work = await realpath(await mkdtemp(join(tmpdir(), 'doppel-move-')));
    engine = await openTestEngine(work);
  });
  afterAll(async () => {
    await engine?.close();
    await rm(work, { recursive: true, force: true });
  });

  async function library(
    name: string,
    seed: number,
  ): Promise<{ folder: string; original: string; copy: string }> {
    const folder = join(work, name);
    const original = join(folder, `IMG_${seed}.jpg`);
    await writeImage(original, rawImage(photoLikePixels(seed)).jpeg({ quality: 85 }));
    const copy = join(folder, 'backup', `IMG_${seed}.jpg`);
    await mkdir(join(folder, 'backup'), { recursive: true });
    await copyFile(original, copy);
    await engine.indexFolders({ paths: [folder] });
    return { folder, original, copy };
  }
  const indexed = async (path: string) => (await engine.duplicateGraph()).photos.some((p) => p.path === path);
  const archive = async (name: string) => {
    const dir = join(work, name);
    await mkdir(dir, { recursive: true });
    return dir;
  };

  it('moves a copy out of the library, giving a clashing name a suffix, never replacing a file', async () => {
    const { copy } = await library('lib1', 11);
    const dest = await archive('archive1');
    await writeImage(join(dest, 'IMG_11.jpg'), rawImage(photoLikePixels(999)).png());
    const before = await readFile(join(dest, 'IMG_11.jpg'));
    const result = await engine.moveToFolder({ paths: [copy], destination: dest });
    expect(result).toEqual({ moved: [{ path: copy, to: join(dest, 'IMG_11 (2).jpg') }], failed: [] });
    expect(existsSync(copy)).toBe(false);
    expect((await readFile(join(dest, 'IMG_11.jpg'))).equals(before)).toBe(true);
    expect(await indexed(copy)).toBe(false);
  });

  it('refuses what the trash refuses: a file changed since indexing, a second name of one file', async () => {
    const { folder, original, copy } = await library('lib2', 22);
    const later = new Date(Date.now() + 60_000);
    await utimes(copy, later, later);
    const hardLink = join(folder, 'also.jpg');
    await link(original, hardLink);
    await engine.indexFolders({ paths: [folder] });
    await utimes(copy, new Date(Date.now() + 120_000), new Date(Date.now() + 120_000));
    const dest = await archive('archive2');
    const result = await engine.moveToFolder({ paths: [copy, hardLink], destination: dest });
    expect(result.moved).toEqual([]);
    expect(result.failed).toEqual([
      { path: copy, error: 'changed since Doppel read it: rescan first' },
      { path: hardLink, error: expect.stringContaining('is the same file as') },
    ]);
    expect(await readdir(dest)).toEqual([]);
  });

  it('refuses a destination in the library, in the data folder, a system folder, or missing', async () => {
    const { folder, copy } = await library('lib3', 33);
    const inLibrary = join(folder, 'sorted');
    await mkdir(inLibrary);
    const refusals: [string, string][] = [
      [inLibrary, 'would be duplicates again'],
      [join(work, 'data'), "Doppel's data folder"],
      ['/etc', "operating system's own"],
      [join(work, 'nowhere'), 'does not exist'],
      ['relative/folder', 'not a full path'],
    ];
    for (const [destination, words] of refusals) {
      await expect(engine.moveToFolder({ paths: [copy], destination })).rejects.toThrow(words);
    }
    expect(existsSync(copy)).toBe(true);
    expect(await indexed(copy)).toBe(true);
  });
});
