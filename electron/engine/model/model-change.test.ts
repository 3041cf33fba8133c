import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../shared/contract/events';
import { DoppelEngine } from '../doppel-engine';
import { makePlantedLibrary, TINY_MODEL_DIR, type PlantedLibrary } from '../testing/library-fixture';
import { resolveModelSource } from './model-source';
import { makeColourLibrary, type ColourLibrary } from './testing/colour-library';
import { makeSecondTinyModel } from './testing/second-tiny-model';

/** Two models' vectors live side by side while a library is re-embedded; they are never compared. */
describe('changing the model', () => {
  let work: string;
  let dataDir: string;
  let first: PlantedLibrary;
  let second: ColourLibrary;
  let otherModel: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-model-change-'));
    dataDir = join(work, 'data');
    first = await makePlantedLibrary(join(work, 'First'), 2);
    second = await makeColourLibrary(join(work, 'Second'));
    otherModel = makeSecondTinyModel(TINY_MODEL_DIR, join(work, 'tiny-clip-reversed'));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  async function withEngine<T>(model: string | undefined, run: (engine: DoppelEngine) => Promise<T>) {
    const engine = await DoppelEngine.open({ dataDir, role: 'test', model });
    try {
      return await run(engine);
    } finally {
      await engine.close();
    }
  }

  it('searches and pairs only among photos embedded by the current model', async () => {
    expect(resolveModelSource(otherModel).id).not.toBe(resolveModelSource(TINY_MODEL_DIR).id);
    await withEngine(TINY_MODEL_DIR, (engine) => engine.indexFolders({ paths: [first.root, second.root] }));
    // Re-embed only the first folder with the other model: the library now holds both models' vectors.
    await withEngine(otherModel, async (engine) => {
      // Before any photo has the new model's vector, search says how little it could search.
      const before = await engine.search({ image: { path: first.families[0]!.original } });
      expect(before.results).toEqual([]);
      expect(before.coverage).toEqual({ embedded: 0, total: (await engine.status()).images });
      expect(before.coverage!.total).toBeGreaterThan(0);
      const result = await engine.indexFolders({ paths: [first.root] });
      expect(result.indexed).toBeGreaterThan(0);
      const query = { path: first.families[0]!.original };
      const { results } = await engine.search({ image: query, limit: 1000 });
      expect(results.length).toBeGreaterThan(0);
      expect(results.every((r) => r.path.startsWith(first.root))).toBe(true);
      const graph = await engine.duplicateGraph();
      const folderOf = new Map(graph.photos.map((p) => [p.hash, p.path.startsWith(first.root)]));
      expect(graph.pairs.some((p) => p.distance !== null)).toBe(true);
      for (const pair of graph.pairs.filter((p) => p.distance !== null))
        expect(folderOf.get(pair.a) && folderOf.get(pair.b)).toBe(true);
    });
    await withEngine(TINY_MODEL_DIR, async (engine) => {
      const { results } = await engine.search({ image: { path: first.families[0]!.original }, limit: 1000 });
      expect(results.length).toBeGreaterThan(0);
      expect(results.every((r) => r.path.startsWith(second.root))).toBe(true);
    });
  });

  it('re-embeds the whole library in the background when settings change the model', async () => {
    await withEngine(undefined, async (engine) => {
      const events: { event: EventName; payload: EventPayload<EventName> }[] = [];
      engine.onEvent((event, payload) => events.push({ event, payload }));
      await engine.updateSettings({ model: otherModel });
      await engine.idle();
      const finished = events.filter((e) => e.event === 'indexFinished');
      expect(finished).toHaveLength(1);
      expect(finished[0]!.payload).toMatchObject({ cancelled: false, errors: expect.any(Array) });
      expect(events.some((e) => e.event === 'indexProgress')).toBe(true);
      const { results } = await engine.search({ image: { path: first.families[0]!.original }, limit: 1000 });
      const status = await engine.status();
      expect(results).toHaveLength(status.images);

      // Back to the first model: only the photos it lacks are embedded again.
      await engine.updateSettings({ model: TINY_MODEL_DIR });
      await engine.idle();
      const again = events.filter((e) => e.event === 'indexFinished').at(-1)!.payload as { indexed: number };
      expect(again.indexed).toBe(status.images);
    });
  });
});
