import { copyFile, mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DoppelEngine } from './doppel-engine';
import { storageTargets } from './testing/storage-targets';
import { TINY_MODEL_DIR } from './testing/library-fixture';
import { photoLikePixels, rawImage, writeImage } from './testing/photo-fixtures';
import { freedesktopTrashBin, type TrashBin } from './trash/trash-bin';

/** Undo through the engine, as the UI calls it: real chdb, the tiny model, the freedesktop trash. */
describe.each(storageTargets())('undoing a trash ($name)', (storage) => {
  let work: string;
  let engine: DoppelEngine;

  beforeAll(async () => {
    work = await realpath(await mkdtemp(join(tmpdir(), 'doppel-undo-')));
    engine = await DoppelEngine.open({
      dataDir: join(work, 'data'),
      storage: await storage.engineStorage(join(work, 'data')),
      role: 'test',
      model: TINY_MODEL_DIR,
      trash: freedesktopTrashBin({ dataHome: join(work, 'share'), uid: process.getuid?.() ?? 0 }),
    });
  });
  afterAll(async () => {
    await engine?.close();
    await rm(work, { recursive: true, force: true });
  });

  async function copies(folder: string, seed: number): Promise<[string, string]> {
    const original = join(folder, `IMG_${seed}.jpg`);
    await writeImage(original, rawImage(photoLikePixels(seed)).jpeg({ quality: 85 }));
    const copy = join(folder, 'backup', `IMG_${seed}.jpg`);
    await mkdir(join(folder, 'backup'), { recursive: true });
    await copyFile(original, copy);
    return [original, copy];
  }

  const indexed = async (path: string) => (await engine.duplicateGraph()).photos.some((p) => p.path === path);

  it('puts a trashed copy back, indexed again, and the trash guard still accepts it', async () => {
    const folder = join(work, 'lib');
    const [, copy] = await copies(folder, 101);
    await engine.indexFolders({ paths: [folder] });
    const trashed = await engine.trash({ paths: [copy] });
    expect(trashed).toMatchObject({ trashed: [copy], restorable: true });
    expect(trashed.actionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await indexed(copy)).toBe(false);

    const restored = await engine.restoreTrashed({ actionIds: [trashed.actionId!] });
    expect(restored).toEqual({ restored: [copy], failed: [] });
    expect(existsSync(copy)).toBe(true);
    expect(await indexed(copy)).toBe(true);
    // Back as it was when indexed: it may go to the trash again.
    expect((await engine.trash({ paths: [copy] })).trashed).toEqual([copy]);
  });

  it('says so when the OS trash took the files: nothing Doppel can put back', async () => {
    // chdb opens one data folder per process: the same folder again, now with a trash that does not say where.
    await engine.close();
    const osTrash: TrashBin = { moveToTrash: (path) => rm(path) };
    engine = await DoppelEngine.open({
      dataDir: join(work, 'data'),
      storage: await storage.engineStorage(join(work, 'data')),
      role: 'test',
      model: 'none',
      trash: osTrash,
    });
    const folder = join(work, 'os');
    const [, copy] = await copies(folder, 202);
    await engine.indexFolders({ paths: [folder] });
    expect(await engine.trash({ paths: [copy] })).toMatchObject({
      trashed: [copy],
      actionId: null,
      restorable: false,
    });
  });
});
