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
  /** Stored-vector counts for query by photo (each shape). */
  querySizes: number[];
  /** Library sizes for the full pair graph (clip-like vectors). */
  pairSizes: number[];
  /** Library size for the full pair graph on isotropic vectors, the worst case for cells (0: none). */
  worstCasePairSize: number;
  /** Photos added to the largest pair library. */
  addedPhotos: number;
  /** At most this many hashes' pairs are checked against exact SQL brute force (see recallSampleFor). */
  recallSample: number;
  /** Library sizes whose incremental update runs over HTTP through the test server, bytes counted. */
  httpSizes: number[];
  /** The `scale` step's library (only run when asked: `--only scale`). */
  scaleSize: number;
  /** Whether the `scale` step builds the full pair graph first (else it marks the library paired). */
  scaleFullBuild: boolean;
  regroupPhotos: number;
  /**
   * The coarse quantizer's `minHashes` (cells from this many photos; the engine's default when null): quick
   * mode forces cells on at its small sizes so CI runs the cells path, not only brute force.
   */
  cellsMinHashes: number | null;
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
    querySizes:
      sizesFromEnvironment('DOPPEL_BENCH_QUERY_SIZES') ??
      (mode === 'full' ? [10_000, 100_000, 1_000_000] : [1_000]),
    // DOPPEL_BENCH_PAIR_SIZES: today's brute force needs about 45 min for the 1M build, so a check of the
    // harness on it runs e.g. 10000,100000.
    pairSizes:
      sizesFromEnvironment('DOPPEL_BENCH_PAIR_SIZES') ??
      (mode === 'full' ? [10_000, 100_000, 1_000_000] : [2_000]),
    worstCasePairSize: mode === 'full' ? 100_000 : 1_000,
    addedPhotos: mode === 'full' ? 1_000 : 100,
    recallSample: mode === 'full' ? 500 : 300,
    httpSizes:
      sizesFromEnvironment('DOPPEL_BENCH_HTTP_SIZES') ?? (mode === 'full' ? [10_000, 100_000] : [500, 1_000]),
    scaleSize: sizesFromEnvironment('DOPPEL_BENCH_SCALE_SIZE')?.[0] ?? (mode === 'full' ? 3_000_000 : 5_000),
    scaleFullBuild: process.env.DOPPEL_BENCH_SCALE_BUILD !== '0',
    regroupPhotos: mode === 'full' ? 100_000 : 2_000,
    // DOPPEL_BENCH_CELLS_FROM: cells from this many photos instead of the engine's threshold (e.g. the http
    // step at 10k and 100k with cells, to see whether an increment's bytes grow with the library).
    cellsMinHashes: sizesFromEnvironment('DOPPEL_BENCH_CELLS_FROM')?.[0] ?? (mode === 'full' ? null : 500),
    // DOPPEL_BENCH_STAGED_PHOTOS: a size between the two (generating 10k 12 MP photos takes over an hour here).
    stagedPhotos: stagedPhotosFromEnvironment() ?? (mode === 'full' ? 10_000 : 48),
    dims: model.projection,
    maxDistance: 0.5,
  };
}

/**
 * How many photos' pairs are checked against exact brute force in a library of `size`: the reference costs
 * seeds x size distances, so the sample shrinks past 400k photos (200 at 1M, 100 from 2M) to keep it
 * under about two minutes on 2 cores.
 */
export function recallSampleFor(config: BenchConfig, size: number): number {
  return Math.min(config.recallSample, size, Math.max(100, Math.round(2e8 / size)));
}

/** A comma-separated list of library sizes (`100000,1000000`), or null when the variable is unset. */
function sizesFromEnvironment(name: string): number[] | null {
  const value = process.env[name];
  if (value === undefined || value === '') return null;
  const sizes = value.split(',').map((part) => Number(part.trim().replaceAll('_', '')));
  if (sizes.some((size) => !Number.isInteger(size) || size < 1))
    throw new Error(`${name} must be whole numbers of photos separated by commas, not "${value}"`);
  return sizes;
}

function stagedPhotosFromEnvironment(): number | null {
  const value = process.env.DOPPEL_BENCH_STAGED_PHOTOS;
  if (value === undefined || value === '') return null;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`DOPPEL_BENCH_STAGED_PHOTOS must be a whole number of photos, not "${value}"`);
  return count;
}
