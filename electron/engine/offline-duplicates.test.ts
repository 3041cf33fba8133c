import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DoppelEngine } from './doppel-engine';
import { DEFAULT_MODEL } from './model/model-source';
import { makePlantedLibrary } from './testing/library-fixture';
import { storageTargets } from './testing/storage-targets';

describe.each(storageTargets())('reviewing without a model ($name)', (storage) => {
  let work: string | undefined;
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('de-duplicates a library before any model is downloaded', async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-offline-'));
    const library = await makePlantedLibrary(join(work, 'Photos'), 2);
    const dataDir = join(work, 'data');
    const withoutModel = await DoppelEngine.open({
      dataDir,
      storage: await storage.engineStorage(dataDir),
      role: 'test',
      model: 'none',
    });
    const result = await withoutModel.indexFolders({ paths: [library.root] });
    expect(result.errors).toHaveLength(library.bad.length);
    await withoutModel.close();

    // The default hub model is not downloaded (and the hub is unreachable here): reviewing must not need it.
    const engine = await DoppelEngine.open({
      dataDir,
      storage: await storage.engineStorage(dataDir),
      role: 'test',
      model: DEFAULT_MODEL,
    });
    try {
      const { groups } = await engine.duplicates({});
      const samePicture = groups.filter((g) => g.kind === 'same-picture');
      expect(samePicture.map((g) => g.keeper).sort()).toEqual(library.families.map((f) => f.original).sort());
      expect(
        groups
          .find((g) => g.kind === 'identical')
          ?.items.map((i) => i.path)
          .sort(),
      ).toEqual([...library.identical].sort());
      const graph = await engine.duplicateGraph();
      expect(graph.model).toBe(DEFAULT_MODEL);
      expect(graph.maxDistance).toBeGreaterThan(graph.defaultThreshold);
    } finally {
      await engine.close();
    }
  });
});
