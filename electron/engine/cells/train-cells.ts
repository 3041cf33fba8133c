import { gatherRows } from '../pairs/vector-pair-search';
import { CellGeometry } from './cell-geometry';
import type { ProductKernel } from './product-kernel';
import { seededRandom } from '../../../shared/random/seeded-random';

/** Lloyd iterations: the cells only need to be good enough to prune, and each pass is one SGEMM of the sample. */
const ITERATIONS = 8;

/**
 * A cell holding more than this many times the mean share of the sample is split. Lloyd's iterations from
 * random starts leave a popular subject in a few huge cells (at 100k clip-like vectors: median 192 photos a
 * cell, the largest 5,415), and a query or pair search reading such a cell reads dozens of cells' worth.
 */
const SPLIT_ABOVE = 2;

/**
 * k-means centroids of `sample` (row-major, `dims` floats a row): started from distinct sample rows picked
 * by a generator seeded with `seed` (the same library trains the same cells), then Lloyd's iterations with
 * SGEMM assignment. A cell left empty takes a random sample row, so every centroid stays inside the data. Then every cell holding over SPLIT_ABOVE times the mean share is
 * split by k-means on its own rows into cells of about the mean, so more centroids than `cells` may come
 * back. Stops early, returning null, when `signal` aborts.
 */
export async function trainCentroids(
  sample: Float32Array,
  dims: number,
  cells: number,
  kernel: ProductKernel,
  seed: number,
  signal?: AbortSignal,
): Promise<Float32Array | null> {
  const centroids = await lloyd(sample, dims, cells, kernel, seed, signal);
  if (!centroids) return null;
  return splitLargeCells(sample, dims, centroids, kernel, seed, signal);
}

async function lloyd(
  sample: Float32Array,
  dims: number,
  cells: number,
  kernel: ProductKernel,
  seed: number,
  signal?: AbortSignal,
): Promise<Float32Array | null> {
  const random = seededRandom(seed);
  const rows = sample.length / dims;
  const centroids = new Float32Array(cells * dims);
  const picked = new Set<number>();
  for (let c = 0; c < cells; c++) {
    let row = Math.floor(random() * rows);
    while (picked.has(row) && picked.size < rows) row = (row + 1) % rows;
    picked.add(row);
    centroids.set(sample.subarray(row * dims, (row + 1) * dims), c * dims);
  }
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    if (signal?.aborted) return null;
    const geometry = await CellGeometry.create(centroids, dims, kernel);
    const owner = await geometry.assign(kernel, sample, undefined, signal);
    if (signal?.aborted) return null;
    const sums = new Float64Array(cells * dims);
    const counts = new Uint32Array(cells);
    for (let row = 0; row < rows; row++) {
      const c = owner[row]!;
      counts[c]!++;
      const base = c * dims;
      for (let k = 0; k < dims; k++) sums[base + k]! += sample[row * dims + k]!;
    }
    for (let c = 0; c < cells; c++) {
      if (counts[c] === 0) {
        const row = Math.floor(random() * rows);
        centroids.set(sample.subarray(row * dims, (row + 1) * dims), c * dims);
        continue;
      }
      for (let k = 0; k < dims; k++) centroids[c * dims + k] = sums[c * dims + k]! / counts[c]!;
    }
  }
  return centroids;
}

/** Each over-full cell's centroid replaced by k-means centroids of its own sample rows (see SPLIT_ABOVE). */
export async function splitLargeCells(
  sample: Float32Array,
  dims: number,
  centroids: Float32Array,
  kernel: ProductKernel,
  seed: number,
  signal?: AbortSignal,
): Promise<Float32Array | null> {
  const rows = sample.length / dims;
  const cells = centroids.length / dims;
  const mean = rows / cells;
  const owner = await (
    await CellGeometry.create(centroids, dims, kernel)
  ).assign(kernel, sample, undefined, signal);
  if (signal?.aborted) return null;
  const members: number[][] = Array.from({ length: cells }, () => []);
  for (let row = 0; row < rows; row++) members[owner[row]!]!.push(row);
  const parts: Float32Array[] = [];
  for (let c = 0; c < cells; c++) {
    const own = members[c]!;
    const keep = centroids.subarray(c * dims, (c + 1) * dims);
    if (own.length <= SPLIT_ABOVE * mean) {
      parts.push(keep);
      continue;
    }
    const rowsOfCell = gatherRows({ hashes: [], vectors: sample, dims }, own);
    const split = await lloyd(rowsOfCell, dims, Math.ceil(own.length / mean), kernel, seed + c, signal);
    if (!split) return null;
    parts.push(split);
  }
  const out = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
