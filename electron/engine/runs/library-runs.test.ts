import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { IndexProgress, IndexResult } from '../../../shared/contract/entities';
import { DoppelEngine } from '../doppel-engine';
import { makeSecondTinyModel } from '../model/testing/second-tiny-model';
import { TINY_MODEL_DIR } from '../testing/library-fixture';
import { photoLikePixels, rawImage, writeImage } from '../testing/photo-fixtures';

/** Who waits for whom in the engine's one run queue: real chdb, the tiny model, generated photos. */
let work: string;
let folder: string;
const total = 12;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'doppel-runs-'));
  folder = join(work, 'Photos');
  for (let i = 0; i < total; i++)
    await writeImage(join(folder, `p${i}.jpg`), rawImage(photoLikePixels(700 + i)).jpeg({ quality: 80 }));
});
afterAll(() => rm(work, { recursive: true, force: true }));

const open = (name: string, model?: string) =>
  DoppelEngine.open({ dataDir: join(work, name), role: 'test', model, batchSize: 2 });

/** Calls `then` once, from inside the run, at its first embedding progress (so the run is surely going). */
function duringEmbedding(engine: DoppelEngine, then: () => void): () => void {
  let fired = false;
  return engine.onEvent((event, payload) => {
    const progress = payload as IndexProgress;
    if (event !== 'indexProgress' || fired || progress.phase !== 'embedding' || progress.done === 0) return;
    fired = true;
    then();
  });
}

it("refuses a second user's run while one runs, and takes the next one once it is done", async () => {
  const engine = await open('busy', TINY_MODEL_DIR);
  try {
    let second: Promise<unknown> | null = null;
    duringEmbedding(engine, () => {
      // Caught at once: the refusal comes back before this test awaits it.
      second = engine.indexFolders({ paths: [folder] }).then(
        () => 'ran',
        (error: unknown) => error,
      );
    });
    const first = await engine.indexFolders({ paths: [folder] });
    expect(second).not.toBeNull();
    expect(await second).toMatchObject({ code: 'busy', message: /already running/ });
    expect(first).toMatchObject({ cancelled: false, indexed: total });
    expect((await engine.status()).indexing).toBeNull();
    expect(await engine.indexFolders({ paths: [folder] })).toMatchObject({ skipped: total });
  } finally {
    await engine.close();
  }
});

it('a model change before any folder is added leaves nothing running (idle and close return)', async () => {
  // Before 162febf the polled flag stayed set when there was nothing to re-embed: idle() and close() spun.
  const engine = await open('model-change-empty');
  await engine.updateSettings({ model: TINY_MODEL_DIR });
  await engine.idle();
  expect((await engine.status()).indexing).toBeNull();
  await engine.close();
});

it('a model change stops the run using the old model, then re-reads every photo with the new one', async () => {
  const otherModel = makeSecondTinyModel(TINY_MODEL_DIR, join(work, 'tiny-clip-reversed'));
  const engine = await open('model-change');
  try {
    await engine.updateSettings({ model: TINY_MODEL_DIR });
    await engine.idle();
    const finished: IndexResult[] = [];
    engine.onEvent((event, payload) => {
      if (event === 'indexFinished') finished.push(payload as IndexResult);
    });
    let change: Promise<unknown> | null = null;
    duringEmbedding(engine, () => (change = engine.updateSettings({ model: otherModel })));
    const run = await engine.indexFolders({ paths: [folder] });
    expect(run.cancelled).toBe(true);
    expect(run.indexed).toBeLessThan(total);
    await change;
    await engine.idle();
    expect(finished).toHaveLength(2);
    expect(finished[1]).toMatchObject({ cancelled: false, indexed: total });
    const { results } = await engine.search({ image: { path: join(folder, 'p0.jpg') }, limit: 100 });
    expect(results).toHaveLength(total);
  } finally {
    await engine.close();
  }
});

it('close stops a running index, waits for it, and then starts nothing new', async () => {
  const engine = await open('close', TINY_MODEL_DIR);
  let closing: Promise<void> | null = null;
  duringEmbedding(engine, () => (closing = engine.close()));
  const run = await engine.indexFolders({ paths: [folder] });
  expect(closing).not.toBeNull();
  expect(run.cancelled).toBe(true);
  await closing;
  await expect(engine.indexFolders({ paths: [folder] })).rejects.toMatchObject({ code: 'engine-stopped' });
  // The data folder is free again: a new engine opens it and finds what the stopped run stored: every
  // file catalogued (the first stage), and the photos it had looked at.
  const again = await open('close', TINY_MODEL_DIR);
  try {
    const status = await again.status();
    expect(status.images).toBe(total);
    expect(status.stages?.find((stage) => stage.name === 'similar')?.done).toBe(run.indexed);
  } finally {
    await again.close();
  }
});
