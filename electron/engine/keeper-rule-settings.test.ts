import { copyFile, mkdtemp, realpath, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KEEPER_RULE } from '../../shared/contract/keeper-rule';
import { answerEngineCall } from './api/engine-adapter';
import { DoppelEngine } from './doppel-engine';
import { storageTargets } from './testing/storage-targets';
import { photoLikePixels, rawImage, writeImage } from './testing/photo-fixtures';

/** The keeper rule saved in Settings: every face groups with it, at once (no rescan), and after a restart. */
describe.each(storageTargets())('saved keeper rule ($name)', (storage) => {
  let work: string;
  let engine: DoppelEngine;
  let original: string;
  let copy: string;
  const open = async () =>
    DoppelEngine.open({
      dataDir: join(work, 'data'),
      storage: await storage.engineStorage(join(work, 'data')),
      role: 'test',
      model: 'none',
    });

  beforeAll(async () => {
    work = await realpath(await mkdtemp(join(tmpdir(), 'doppel-keeper-rule-')));
    original = join(work, 'lib', 'IMG_0007.jpg');
    copy = join(work, 'lib', 'IMG_0007 copy.jpg');
    await writeImage(original, rawImage(photoLikePixels(5)).jpeg({ quality: 85 }));
    await copyFile(original, copy);
    // The copy is the older file, so the default rule (oldest file time) keeps it.
    const older = new Date(Date.UTC(2001, 0, 1));
    await utimes(copy, older, older);
    engine = await open();
    await engine.indexFolders({ paths: [join(work, 'lib')] });
  });

  afterAll(async () => {
    await engine?.close();
    await rm(work, { recursive: true, force: true });
  });

  const keeper = async () => (await engine.duplicates({})).groups[0]?.keeper;

  it('keeps the older copy by default, and the original once the rule puts the original first', async () => {
    expect(await keeper()).toBe(copy);
    const rule = {
      ...DEFAULT_KEEPER_RULE,
      order: ['original' as const, ...DEFAULT_KEEPER_RULE.order.slice(0, 4)],
    };
    const saved = await answerEngineCall(engine, 'updateSettings', { keeperRule: rule });
    expect(saved.error).toBeUndefined();
    expect((await engine.duplicateGraph()).keeperRule?.order[0]).toBe('original');
    expect(await keeper()).toBe(original);
    // A request's own rule wins for that request only (the CLI's --keeper-rule).
    expect((await engine.duplicates({ keeperRule: { order: ['date'] } })).groups[0]?.keeper).toBe(copy);
    expect(await keeper()).toBe(original);
  });

  it('keeps the rule across a restart, and refuses a rule that names a criterion twice', async () => {
    await engine.close();
    engine = await open();
    expect(await keeper()).toBe(original);
    const refused = await answerEngineCall(engine, 'updateSettings', {
      keeperRule: { order: ['pixels', 'pixels'] },
    });
    expect(refused.error?.code).toBeDefined();
    expect(await keeper()).toBe(original);
  });
});
