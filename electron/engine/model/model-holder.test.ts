import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TINY_MODEL_DIR } from '../testing/library-fixture';
import type { ClipTextModel } from './clip-text-model';
import type { ClipVisionModel, LoadOptions } from './clip-vision-model';
import { ModelHolder, NO_MODEL } from './model-holder';
import { resolveModelSource } from './model-source';

const work = mkdtempSync(join(tmpdir(), 'doppel-model-holder-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Towers that only count: loading the real model is the engine tests' business. */
function fakeLoaders() {
  const disposed: string[] = [];
  const loads: string[] = [];
  let failNext = false;
  const loadVision = async ({ source }: LoadOptions): Promise<ClipVisionModel> => {
    loads.push(`vision ${source.id}`);
    if (failNext) {
      failNext = false;
      throw new Error('the hub is unreachable');
    }
    return {
      id: source.id,
      dims: 4,
      preprocessing: {} as ClipVisionModel['preprocessing'],
      thresholds: { defaultThreshold: 0.2, maxPairDistance: 0.3, source: 'fake' },
      embed: async () => [],
      dispose: async () => void disposed.push(`vision ${source.id}`),
    };
  };
  const loadText = async ({ source }: LoadOptions): Promise<ClipTextModel> => {
    loads.push(`text ${source.id}`);
    return {
      id: source.id,
      embed: async () => [],
      dispose: async () => void disposed.push(`text ${source.id}`),
    };
  };
  return { loadVision, loadText, disposed, loads, failOnce: () => (failNext = true) };
}

function modelCopy(name: string): string {
  const dir = join(work, name);
  cpSync(TINY_MODEL_DIR, dir, { recursive: true });
  return dir;
}

describe('ModelHolder', () => {
  it("hashes a local model's vision tower once per model, and again only after a swap", () => {
    const dir = modelCopy('memo');
    const holder = new ModelHolder({ modelName: () => dir, cacheDir: join(work, 'cache') });
    const first = holder.identity()!;
    expect(first.id).toBe(resolveModelSource(dir).id);
    // The folder's tower changes under us: a memoised identity does not notice (it is not re-hashed) …
    appendFileSync(join(dir, 'onnx', 'vision_model.onnx'), Buffer.from([0]));
    expect(holder.identity()).toBe(first);
    expect(holder.source()!.id).toBe(first.id);
    // … until the model is swapped, when it is resolved afresh.
    void holder.swap()();
    expect(holder.identity()!.id).not.toBe(first.id);
    expect(holder.identity()!.id).toBe(resolveModelSource(dir).id);
  });

  it('has no identity and no vision tower without a model', async () => {
    const fakes = fakeLoaders();
    const holder = new ModelHolder({ modelName: () => NO_MODEL, cacheDir: work, ...fakes });
    expect(holder.identity()).toBeNull();
    expect(await holder.visionModel()).toBeNull();
    expect(fakes.loads).toEqual([]);
  });

  it('takes the identity from the loaded tower once there is one', async () => {
    const fakes = fakeLoaders();
    const holder = new ModelHolder({ modelName: () => TINY_MODEL_DIR, cacheDir: work, ...fakes });
    expect(holder.identity()!.thresholds.source).not.toBe('fake');
    await holder.visionModel();
    expect(holder.identity()!.thresholds.source).toBe('fake');
  });

  it('loads each tower once, and a swap frees the old towers exactly once', async () => {
    const fakes = fakeLoaders();
    let name = TINY_MODEL_DIR;
    const holder = new ModelHolder({ modelName: () => name, cacheDir: work, ...fakes });
    const vision = await holder.visionModel();
    expect(await holder.visionModel()).toBe(vision);
    await holder.textModel();
    await holder.textModel();
    const oldId = vision!.id;
    expect(fakes.loads).toEqual([`vision ${oldId}`, `text ${oldId}`]);

    name = modelCopy('second');
    const retire = holder.swap();
    // The new model is there at once, while the old towers wait for the run still using them.
    const next = await holder.visionModel();
    expect(next!.id).toBe(resolveModelSource(name).id);
    expect(fakes.disposed).toEqual([]);
    await Promise.all([retire(), retire()]);
    await retire();
    expect(fakes.disposed).toEqual([`vision ${oldId}`, `text ${oldId}`]);

    await holder.dispose();
    await holder.dispose();
    expect(fakes.disposed).toEqual([`vision ${oldId}`, `text ${oldId}`, `vision ${next!.id}`]);
  });

  it('tries a failed load again on the next call instead of keeping the failure', async () => {
    const fakes = fakeLoaders();
    const holder = new ModelHolder({ modelName: () => TINY_MODEL_DIR, cacheDir: work, ...fakes });
    fakes.failOnce();
    await expect(holder.visionModel()).rejects.toThrow('the hub is unreachable');
    const loaded = await holder.visionModel();
    expect(loaded).not.toBeNull();
    expect(fakes.loads).toHaveLength(2);
  });
});
