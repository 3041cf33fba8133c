import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PRECISION, precisionModelId, type ModelPrecision } from './model-precision';
import type { ModelSource } from './model-source';
import { thresholdsForModel, type ModelThresholds } from './model-thresholds';

export interface ModelIdentity {
  id: string;
  thresholds: ModelThresholds;
}

/**
 * The one definition of a model's identity: the id its vectors and pairs are stored under, and its
 * thresholds. The loaded vision tower and `describeModel` both take it from here, so they never disagree.
 */
export function modelIdentity(
  source: ModelSource,
  config: Record<string, unknown>,
  precision: ModelPrecision = DEFAULT_PRECISION,
): ModelIdentity {
  return { id: precisionModelId(source.id, precision), thresholds: thresholdsForModel(source.id, config) };
}

/**
 * The model's id and thresholds without loading (or downloading) it: reviewing duplicates needs only the
 * stored pairs, so it must work offline and before the first download. Reads config.json from a local
 * folder, or from the hub cache when an earlier download left one there.
 */
export function describeModel(source: ModelSource, cacheDir: string): ModelIdentity {
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
  return modelIdentity(source, config);
}
