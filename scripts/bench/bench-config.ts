import path from 'node:path';
import { SMALL_VIT, VIT_B32, type BenchModelShape } from './make-bench-model';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const RESULTS_DIR = path.join(REPO_ROOT, 'bench-results');
/** Generated inputs (photos, databases): git-ignored, reused between runs. */
export const CACHE_DIR = path.join(RESULTS_DIR, '.cache');
export const MODEL_ROOT = path.join(REPO_ROOT, 'scripts', 'bench', '.model');

export interface BenchConfig {
  mode: 'full' | 'quick';
  model: BenchModelShape;
  modelDir: string;
  int8ModelDir: string;
  /** 12-megapixel JPEGs indexed by Doppel (and the first `transformersPhotos` by transformers.js). */
  photos: number;
  transformersPhotos: number;
  /** Batches timed for the bare model. */
  bareBatches: number;
  batchSize: number;
  /** Stored-vector counts for query by photo. */
  querySizes: number[];
  /** Library sizes for the full pair graph. */
  pairSizes: number[];
  /** Photos added to the largest pair library. */
  addedPhotos: number;
  /** Hashes whose pairs are checked against exact SQL brute force, per pair library. */
  recallSample: number;
  regroupPhotos: number;
  /** Distinct 12 MP photos of the staged-indexing library (plus a copy of one in ten). */
  stagedPhotos: number;
  dims: number;
  maxDistance: number;
}

export function benchConfig(mode: 'full' | 'quick'): BenchConfig {
  const model = mode === 'full' ? VIT_B32 : SMALL_VIT;
  const name = mode === 'full' ? 'vit-b32' : 'small-vit';
  return {
    mode,
    model,
    modelDir: path.join(MODEL_ROOT, name),
    int8ModelDir: path.join(MODEL_ROOT, `${name}-int8`),
    photos: mode === 'full' ? 128 : 8,
    transformersPhotos: mode === 'full' ? 32 : 8,
    bareBatches: mode === 'full' ? 12 : 2,
    batchSize: 8,
    querySizes: mode === 'full' ? [10_000, 100_000, 1_000_000] : [1_000],
    pairSizes: mode === 'full' ? [10_000, 100_000] : [2_000],
    addedPhotos: mode === 'full' ? 1_000 : 100,
    recallSample: mode === 'full' ? 500 : 2_000,
    regroupPhotos: mode === 'full' ? 100_000 : 2_000,
    // DOPPEL_BENCH_STAGED_PHOTOS: a size between the two (generating 10k 12 MP photos takes over an hour here).
    stagedPhotos: stagedPhotosFromEnvironment() ?? (mode === 'full' ? 10_000 : 48),
    dims: model.projection,
    maxDistance: 0.5,
  };
}

function stagedPhotosFromEnvironment(): number | null {
  const value = process.env.DOPPEL_BENCH_STAGED_PHOTOS;
  if (value === undefined || value === '') return null;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`DOPPEL_BENCH_STAGED_PHOTOS must be a whole number of photos, not "${value}"`);
  return count;
}
