import type { CellGeneration, CellStore } from '../store/cell-store';
import { CellGeometry } from './cell-geometry';
import { ProductKernel } from './product-kernel';
import { trainCentroids } from './train-cells';

/** When cells exist and how they are made; tests lower the threshold, nothing else should need to. */
export interface CellOptions {
  /**
   * Distinct hashes of a model from which it gets cells. Measured at 100k on 2 idle cores (BENCHMARKS.md):
   * cells built the pair graph faster than brute force, but added 1k photos in 5.2 s against 2.4 s and
   * answered a query in 126 ms against 113 ms. Brute force grows with N per increment and query, cells
   * with about sqrt(N): extrapolated, they cross near 125k for a query and 470k for an increment, so cells
   * start at 250k, where brute force's full build is still a few minutes. Not measured between 100k and 1M.
   */
  minHashes?: number;
  /** The library has grown this many times since the last training: train a new generation. */
  retrainGrowth?: number;
  /**
   * Most cells a first pair build probes for one vector, nearest centroid first. On clip-like vectors at 1M
   * the bound rules out almost no cell (997 of 998 lie under 0.5), so this cap is what decides and recall is
   * measured, not exact. In a first build every photo probes, so a pair is looked for from both its sides:
   * 8 cells gave recall 1.0 at 1M (BENCHMARKS.md).
   */
  maxPairProbes?: number;
  /**
   * The same for photos added to a paired library: an old photo does not probe back, so a new one looks
   * twice as far. Of the partners of 1k added photos at 1M, 99.2% lay in the photo's first 8 cells and
   * 99.8% in its first 16; 8 measured recall 0.98 on the added photos, 16 measured 1.0.
   */
  maxIncrementProbes?: number;
}

export const DEFAULT_CELL_OPTIONS: Required<CellOptions> = {
  minHashes: 250_000,
  retrainGrowth: 10,
  maxPairProbes: 8,
  maxIncrementProbes: 16,
};

/** New hashes an increment names in its queries; more, and it assigns whatever lacks a cell. */
const MAX_LISTED_HASHES = 50_000;

/** Training rows per cell: enough for each centroid to settle, few enough to train 1M-scale cells in seconds. */
const SAMPLE_ROWS_PER_CELL = 48;

/** About sqrt(N) cells of about sqrt(N) vectors: a query reads a few cells, a pair build's work is ~N^1.5. */
export function cellCountFor(hashes: number): number {
  return Math.max(2, Math.round(Math.sqrt(hashes)));
}

/** The generation a model's readers use after this run (null: the model stays on brute force), and its size. */
export interface CellState {
  generation: CellGeneration;
  hashes: number;
}

/**
 * Keeps a model's cells current, inside the pairing step: below `minHashes` nothing (brute force); first
 * past it, or grown `retrainGrowth`-fold since the last training, a new generation (trained, every vector
 * assigned, then marked complete; only then is the old one dropped, so readers never see a half-built one);
 * otherwise the vectors added since get their cells. A generation a kill left incomplete is dropped and
 * redone; an abort mid-training leaves the old generation in use.
 */
export async function upkeepCells(
  cells: CellStore,
  model: string,
  options: CellOptions = {},
  signal?: AbortSignal,
  increment?: { newHashes: string[]; searchVersion: string },
): Promise<CellState | null> {
  const { minHashes, retrainGrowth } = { ...DEFAULT_CELL_OPTIONS, ...options };
  const generations = await cells.generations(model);
  const current = generations.filter((g) => g.complete).at(-1) ?? null;
  const hashes = await cells.hashCount(model);
  if (!current && hashes < minHashes) return null;
  const kernel = await ProductKernel.create();
  try {
    // Left by a kill: an incomplete generation (redone below) or an old one a finished retrain had not dropped.
    for (const left of generations) if (left !== current) await cells.drop(left);
    if (!current || hashes >= retrainGrowth * current.trainedOn) {
      const trained = await trainGeneration(cells, kernel, model, hashes, signal);
      if (!trained) return current && { generation: current, hashes };
      if (current) await cells.drop(current);
      return { generation: trained, hashes };
    }
    const geometry = await geometryOf(cells, current, kernel);
    // An increment assigns just its new hashes: every older hash got its cell when it was new, or at
    // training, so every search row up to the version read before the new hashes were listed has a cell.
    const among =
      increment && increment.newHashes.length <= MAX_LISTED_HASHES ? increment.newHashes : undefined;
    const mark = await assignUnassigned(cells, kernel, current, geometry, signal, among);
    if (mark !== null)
      await cells.writeGeneration({ ...current, assignedVersion: among ? increment!.searchVersion : mark });
    return { generation: current, hashes };
  } finally {
    await kernel.dispose();
  }
}

async function trainGeneration(
  cells: CellStore,
  kernel: ProductKernel,
  model: string,
  hashes: number,
  signal: AbortSignal | undefined,
): Promise<CellGeneration | null> {
  const wanted = cellCountFor(hashes);
  const sample = await cells.sampleVectors(model, Math.min(hashes, wanted * SAMPLE_ROWS_PER_CELL), hashes);
  const count = Math.min(wanted, sample.hashes.length);
  if (count < 2 || signal?.aborted) return null;
  const record: CellGeneration = {
    model,
    generation: cells.newGenerationId(),
    cells: count,
    trainedOn: hashes,
    assignedVersion: '0',
    complete: false,
  };
  await cells.writeGeneration(record);
  const centroids = await trainCentroids(sample.vectors, sample.dims, count, kernel, hashes, signal);
  if (!centroids || signal?.aborted) return null;
  await cells.writeCentroids(model, record.generation, centroids, sample.dims);
  const geometry = await CellGeometry.create(centroids, sample.dims, kernel);
  const mark = await assignUnassigned(cells, kernel, record, geometry, signal);
  if (mark === null) return null;
  // Splitting over-full cells (train-cells.ts) may have made more cells than asked for.
  const complete = { ...record, cells: geometry.count, assignedVersion: mark, complete: true };
  await cells.writeGeneration(complete);
  return complete;
}

/** Every vector without a cell in `generation` gets its nearest one; the search version it covers, or null. */
async function assignUnassigned(
  cells: CellStore,
  kernel: ProductKernel,
  generation: CellGeneration,
  geometry: CellGeometry,
  signal: AbortSignal | undefined,
  among?: string[],
): Promise<string | null> {
  const mark = await cells.newestSearchVersion(generation.model);
  const table = await cells.unassignedVectors(generation.model, generation.generation, among);
  if (signal?.aborted) return null;
  if (table.hashes.length === 0) return mark;
  if (table.dims !== geometry.dims) return null;
  const owner = await geometry.assign(kernel, table.vectors, undefined, signal);
  if (signal?.aborted) return null;
  await cells.assign(generation.model, generation.generation, table.hashes, owner, among);
  return mark;
}

/** A generation's geometry from its stored centroids. */
export async function geometryOf(
  cells: CellStore,
  generation: CellGeneration,
  kernel: ProductKernel,
): Promise<CellGeometry> {
  const { centroids, dims } = await cells.centroids(generation.model, generation.generation);
  return CellGeometry.create(centroids, dims, kernel);
}
