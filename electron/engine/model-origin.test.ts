import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DoppelEngine, type EngineOptions } from './doppel-engine';
import { DEFAULT_MODEL } from './model/model-source';
import { TINY_MODEL_DIR } from './testing/library-fixture';
import { storageTargets } from './testing/storage-targets';

/** status says which model this run uses and where it comes from, whatever settings.json saved. */
describe.each(storageTargets())('the effective model and its origin ($name)', (storage) => {
  let work: string;
  let runs = 0;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-model-origin-'));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  async function withEngine(
    options: Partial<EngineOptions>,
    use: (engine: DoppelEngine) => Promise<void>,
  ): Promise<void> {
    const dataDir = join(work, `data-${runs++}`);
    const engine = await DoppelEngine.open({
      dataDir,
      storage: await storage.engineStorage(dataDir),
      role: 'test',
      ...options,
    });
    try {
      await use(engine);
    } finally {
      await engine.close();
    }
  }

  it('reports --model as the model in use, not the saved one, even after Settings saves another', async () => {
    await withEngine({ model: TINY_MODEL_DIR, modelOrigin: 'command-line' }, async (engine) => {
      await engine.updateSettings({ model: 'Someone/other-clip' });
      expect((await engine.getSettings()).model).toBe('Someone/other-clip');
      expect(await engine.status()).toMatchObject({ model: TINY_MODEL_DIR, modelOrigin: 'command-line' });
    });
  });

  it('names DOPPEL_MODEL and the bundled copy as they were passed', async () => {
    await withEngine({ model: TINY_MODEL_DIR, modelOrigin: 'environment' }, async (engine) => {
      expect((await engine.status()).modelOrigin).toBe('environment');
    });
    await withEngine({ model: TINY_MODEL_DIR, modelOrigin: 'bundled' }, async (engine) => {
      expect((await engine.status()).modelOrigin).toBe('bundled');
    });
  });

  it('follows the settings when nothing overrides them: the default, then the saved choice', async () => {
    await withEngine({}, async (engine) => {
      expect(await engine.status()).toMatchObject({ model: DEFAULT_MODEL, modelOrigin: 'default' });
      await engine.updateSettings({ model: 'Someone/other-clip' });
      expect(await engine.status()).toMatchObject({ model: 'Someone/other-clip', modelOrigin: 'settings' });
    });
  });

  it('closes after a model change in an empty library (the re-embedding that has nothing to do ends)', async () => {
    const dataDir = join(work, 'data-empty');
    const engine = await DoppelEngine.open({
      dataDir,
      storage: await storage.engineStorage(dataDir),
      role: 'test',
    });
    await engine.updateSettings({ model: 'Someone/other-clip' });
    await engine.idle();
    await engine.close();
  }, 30_000);
});
