import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveModelSource } from './model-source';
import { thresholdsForModel, type ModelThresholds } from './model-thresholds';

export interface ModelIdentity {
  id: string;
  thresholds: ModelThresholds;
}

/**
 * The model's id and thresholds without loading (or downloading) it: reviewing duplicates needs only the
 * stored pairs, so it must work offline and before the first download. Reads config.json from a local
 * folder, or from the hub cache when an earlier download left one there.
 */
export function describeModel(model: string, cacheDir: string): ModelIdentity {
  const source = resolveModelSource(model);
  const configPath =
    source.kind === 'local' ? join(source.dir, 'config.json') : join(cacheDir, source.repo, 'config.json');
  let config: Record<string, unknown> = {};
  if (existsSync(configPath)) {
    try {
      config = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
    } catch {
      // A damaged config only costs us declared thresholds; the known-model table still applies.
    }
  }
  return { id: source.id, thresholds: thresholdsForModel(source.id, config) };
}
