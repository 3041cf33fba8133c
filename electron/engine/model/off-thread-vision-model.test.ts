import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_MODEL_DIR } from '../testing/library-fixture';
import { loadClipVisionModel, type ClipVisionModel } from './clip-vision-model';
import { resolveModelSource } from './model-source';
import { loadVisionInThread } from './vision-model-in-thread';

describe('the vision model on its own thread', () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'doppel-off-thread-'));
  const source = resolveModelSource(TINY_MODEL_DIR);
  let model: ClipVisionModel;
  const count = 12;
  let pixels: Float32Array;

  beforeAll(async () => {
    model = await loadClipVisionModel({ source, cacheDir, threads: 1 });
    const { cropWidth, cropHeight } = model.preprocessing;
    pixels = new Float32Array(count * 3 * cropWidth * cropHeight).map((_, index) => Math.sin(index));
  });

  afterAll(async () => {
    await model.dispose();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('runs the inference on a worker thread, with the vectors the model gives on the calling thread', async () => {
    // onnxruntime-node's inference is synchronous: on the engine's thread it would hold everything else up.
    expect(model.inferenceThreadId).toBeDefined();
    expect(model.inferenceThreadId).not.toBe(threadId);
    const inThread = await loadVisionInThread({
      dir: TINY_MODEL_DIR,
      source,
      cacheDir,
      threads: 1,
      precision: 'fp32',
    });
    try {
      expect(inThread.inferenceThreadId).toBe(threadId);
      const vectors = await model.embed(pixels, count);
      const expected = await inThread.embed(pixels, count);
      expect(vectors).toHaveLength(count);
      expect(model.dims).toBe(inThread.dims);
      expect(model.id).toBe(inThread.id);
      for (let i = 0; i < count; i++) expect(Array.from(vectors[i]!)).toEqual(Array.from(expected[i]!));
    } finally {
      await inThread.dispose();
    }
  });

  it('leaves the caller its buffer and answers concurrent batches each with its own vectors', async () => {
    const { cropWidth, cropHeight } = model.preprocessing;
    const size = 3 * cropWidth * cropHeight;
    const first = pixels.slice(0, size);
    const second = pixels.slice(size, 2 * size);
    const [a, b, both] = await Promise.all([
      model.embed(first, 1),
      model.embed(second, 1),
      model.embed(pixels, 2),
    ]);
    expect(first.length).toBe(size);
    expect(Array.from(a[0]!)).toEqual(Array.from(both[0]!));
    expect(Array.from(b[0]!)).toEqual(Array.from(both[1]!));
    expect(Array.from(a[0]!)).not.toEqual(Array.from(b[0]!));
  });

  it('says so, in words, when asked to embed after it was closed', async () => {
    const closing = await loadClipVisionModel({ source, cacheDir, threads: 1 });
    await closing.dispose();
    await expect(closing.embed(pixels, 1)).rejects.toThrow('the image model was closed');
  });
});
