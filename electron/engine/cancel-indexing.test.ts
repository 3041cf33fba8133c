import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DoppelEngine } from './doppel-engine';
import { TINY_MODEL_DIR } from './testing/library-fixture';
import { storageTargets } from './testing/storage-targets';
import { photoLikePixels, rawImage, writeImage } from './testing/photo-fixtures';

describe.each(storageTargets())('cancelling an index run ($name)', (storage) => {
  let work: string | undefined;
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('cancels indexing between batches, keeps what was stored, and finishes on the next run', async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-cancel-'));
    const folder = join(work, 'Photos');
    const total = 64;
    for (let i = 0; i < total; i++) {
      await writeImage(join(folder, `p${i}.jpg`), rawImage(photoLikePixels(500 + i)).jpeg({ quality: 80 }));
    }
    const engine = await DoppelEngine.open({
      dataDir: join(work, 'data'),
      storage: await storage.engineStorage(join(work, 'data')),
      role: 'test',
      model: TINY_MODEL_DIR,
      batchSize: 4,
    });
    try {
      const progress: { phase: string; done: number; total: number }[] = [];
      const stop = engine.onEvent((event, payload) => {
        if (event !== 'indexProgress') return;
        const p = payload as { phase: string; done: number; total: number };
        progress.push(p);
        if (p.phase === 'embedding' && p.done > 0) void engine.cancelIndexing();
      });
      const cancelled = await engine.indexFolders({ paths: [folder] });
      stop();
      expect(cancelled.cancelled).toBe(true);
      expect(cancelled.indexed).toBeGreaterThan(0);
      expect(cancelled.indexed).toBeLessThan(total);
      expect(progress.some((p) => p.phase === 'embedding' && p.total === total)).toBe(true);
      // Every file was catalogued before the first decode; the look stage is what the cancel cut short.
      const status = await engine.status();
      expect(status.images).toBe(total);
      expect(status.stages?.find((stage) => stage.name === 'same-picture')).toMatchObject({
        state: 'waiting',
        total,
      });

      const resumed = await engine.indexFolders({ paths: [folder] });
      expect(resumed.cancelled).toBe(false);
      expect(resumed.skipped).toBe(cancelled.indexed);
      expect(resumed.indexed).toBe(total - cancelled.indexed);
      expect((await engine.status()).images).toBe(total);
      expect((await engine.status()).stages?.map((stage) => stage.state)).toEqual(['done', 'done', 'done']);
    } finally {
      await engine.close();
    }
  }, 300_000); // 64 photos: about 20 s on an idle machine, several times that on a loaded one
});
