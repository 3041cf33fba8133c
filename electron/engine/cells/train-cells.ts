import { CellGeometry } from './cell-geometry';
import type { ProductKernel } from './product-kernel';
import { seededRandom } from '../../../shared/random/seeded-random';

/** Lloyd iterations: the cells only need to be good enough to prune, and each pass is one SGEMM of the sample. */
const ITERATIONS = 8;

/**
 * k-means centroids of `sample` (row-major, `dims` floats a row): started from distinct sample rows picked
 * by a generator seeded with `seed` (the same library trains the same cells), then Lloyd's iterations with SGEMM assignment. A cell left empty takes a random sample row,
 * so every centroid stays inside the data. Stops early, returning null, when `signal` aborts.
 */
export async function trainCentroids(
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
