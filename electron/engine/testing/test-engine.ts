import { join } from 'node:path';
import { DoppelEngine, type EngineOptions } from '../doppel-engine';
import { folderTrashBin } from '../trash/trash-bin';
import { TINY_MODEL_DIR } from './library-fixture';
import type { StorageTarget } from './storage-targets';

/**
 * The engine most engine tests run: its data in `work/data`, the tiny model, and a trash folder `work/trash`
 * in place of the system Trash (so a test can look inside it). `storage` picks the store a
 * `describe.each(storageTargets())` is on; `options` overrides any of the rest.
 */
export async function openTestEngine(
  work: string,
  { storage, ...options }: Omit<Partial<EngineOptions>, 'storage'> & { storage?: StorageTarget } = {},
): Promise<DoppelEngine> {
  const dataDir = join(work, 'data');
  return DoppelEngine.open({
    dataDir,
    storage: await storage?.engineStorage(dataDir),
    role: 'test',
    model: TINY_MODEL_DIR,
    trash: folderTrashBin(join(work, 'trash')),
    ...options,
  });
}
