import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DoppelEngine } from './doppel-engine';
import { OWNER_FILE } from './platform/data-dir-lock';
import { TINY_MODEL_DIR } from './testing/library-fixture';
import { storageTargets } from './testing/storage-targets';
import { photoLikePixels, rawImage, writeImage } from './testing/photo-fixtures';

const modeOf = (path: string) => statSync(path).mode & 0o777;

/**
 * The data folder holds the database, the user's paths and thumbnails, uploaded photos and settings.json
 * (which may hold a ClickHouse password): none of it is readable by other users of the machine.
 * POSIX modes only: Windows keeps AppData per user by its own means.
 */
describe.skipIf(process.platform === 'win32').each(storageTargets())(
  'the data folder is private to its user ($name)',
  (storage) => {
    let work: string;
    let dataDir: string;
    let engine: DoppelEngine;
    let uploadId: string;

    beforeAll(async () => {
      work = await mkdtemp(join(tmpdir(), 'doppel-private-'));
      dataDir = join(work, 'data');
      // A folder an older Doppel created with the default umask.
      mkdirSync(dataDir, { mode: 0o755 });
      chmodSync(dataDir, 0o755);
      const library = join(work, 'Photos');
      mkdirSync(library);
      await writeImage(join(library, 'a.jpg'), rawImage(photoLikePixels(1)).jpeg());
      await writeFile(join(library, 'empty.jpg'), '');

      engine = await DoppelEngine.open({
        dataDir,
        storage: await storage.engineStorage(dataDir),
        role: 'test',
        model: TINY_MODEL_DIR,
      });
      const run = await engine.indexFolders({ paths: [library] });
      expect(run.errors.map((e) => e.path)).toEqual([join(library, 'empty.jpg')]); // so last-index-errors.json is written
      await engine.updateSettings({ thumbnailCacheMaxMb: 512 });
      uploadId = await engine.saveUpload(Buffer.from('query photo'));
    });

    afterAll(async () => {
      await engine?.close();
      await rm(work, { recursive: true, force: true });
    });

    it('tightens the data folder to 0700', () => {
      expect(modeOf(dataDir)).toBe(0o700);
    });

    it('writes settings.json, the index errors and the lock description 0600', () => {
      const modes = (names: string[]) =>
        Object.fromEntries(names.map((name) => [name, modeOf(join(dataDir, name))]));
      const files = ['settings.json', 'last-index-errors.json', OWNER_FILE];
      expect(modes(files)).toEqual(Object.fromEntries(files.map((name) => [name, 0o600])));
    });

    it('keeps uploaded query photos 0600 in a 0700 folder', () => {
      expect(modeOf(join(dataDir, 'uploads'))).toBe(0o700);
      expect(modeOf(join(dataDir, 'uploads', uploadId))).toBe(0o600);
    });
  },
);
