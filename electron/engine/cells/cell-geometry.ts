import { transposed, type ProductKernel } from './product-kernel';

/** Rows per SGEMM call: 4096 x 1000 centroids is 16 MB of products, small enough for a laptop. */
const SCORE_BLOCK_ROWS = 4096;

/**
 * The cells of one generation: their centroids and what the exact bound needs. Each vector belongs to its
 * nearest centroid's cell. For a point q whose nearest centroid is a, every x in cell b satisfies
 * |q - x| >= (|q - mu_b|^2 - |q - mu_a|^2) / (2 |mu_a - mu_b|) (x lies beyond the bisector of a and b, q
 * before it), which is (s_a - s_b) / |mu_a - mu_b| with s_c = q.mu_c - |mu_c|^2 / 2. So a cell whose bound
 * exceeds a distance cannot hold anything within it: that is what makes query by photo and the pair graph
 * read few cells, and exact where they read every cell under the bound.
 */
export class CellGeometry {
  readonly count: number;
  private readonly columns: Float32Array;
  private readonly halfNorms: Float64Array;
  /** |mu_a - mu_b| for every pair of cells, row-major. */
  private readonly separation: Float64Array;

  private constructor(
    readonly centroids: Float32Array,
    readonly dims: number,
    separation: Float64Array,
  ) {
    this.count = centroids.length / dims;
    this.columns = transposed(centroids, dims);
    this.halfNorms = new Float64Array(this.count);
    for (let c = 0; c < this.count; c++) {
      let squared = 0;
      for (let k = c * dims; k < (c + 1) * dims; k++) squared += centroids[k]! ** 2;
      this.halfNorms[c] = squared / 2;
    }
    this.separation = separation;
  }

  static async create(centroids: Float32Array, dims: number, kernel: ProductKernel): Promise<CellGeometry> {
    const count = centroids.length / dims;
    const products = await kernel.products(centroids, transposed(centroids, dims), dims);
    const separation = new Float64Array(count * count);
    for (let a = 0; a < count; a++)
      for (let b = 0; b < count; b++) {
        const squared = products[a * count + a]! + products[b * count + b]! - 2 * products[a * count + b]!;
        separation[a * count + b] = Math.sqrt(Math.max(0, squared));
      }
    return new CellGeometry(centroids, dims, separation);
  }

  /** s_c = x.mu_c - |mu_c|^2 / 2 for every row and cell ([rows, cells]); the nearest cell has the largest. */
  async scores(kernel: ProductKernel, rows: Float32Array): Promise<Float32Array> {
    const products = await kernel.products(rows, this.columns, this.dims);
    const cells = this.count;
    for (let i = 0; i < products.length; i += cells)
      for (let c = 0; c < cells; c++) products[i + c] = products[i + c]! - this.halfNorms[c]!;
    return products;
  }

  /** One vector's scores, in plain JS (a query: 1000 centroids x 512 is half a million multiply-adds). */
  scoresOf(vector: Float32Array): Float64Array {
    const out = new Float64Array(this.count);
    for (let c = 0; c < this.count; c++) {
      let dot = 0;
      const base = c * this.dims;
      for (let k = 0; k < this.dims; k++) dot += vector[k]! * this.centroids[base + k]!;
      out[c] = dot - this.halfNorms[c]!;
    }
    return out;
  }

  /**
   * Each row's cell and, when `probes` is given, the cells that may hold a vector within `maxDistance` of
   * it (its own first, then by centroid distance, at most `probes.maxCells`), for every row of `vectors`, SGEMM in
   * blocks. `onProbes(row, cells)` receives each row's list.
   */
  async assign(
    kernel: ProductKernel,
    vectors: Float32Array,
    probes?: {
      maxDistance: number;
      maxCells: number;
      wanted?: Uint8Array;
      onProbes: (row: number, cells: Int32Array) => void;
    },
    signal?: AbortSignal,
  ): Promise<Int32Array> {
    const rows = vectors.length / this.dims;
    const cells = new Int32Array(rows);
    for (let start = 0; start < rows && !signal?.aborted; start += SCORE_BLOCK_ROWS) {
      const end = Math.min(rows, start + SCORE_BLOCK_ROWS);
      const scores = await this.scores(kernel, vectors.subarray(start * this.dims, end * this.dims));
      for (let row = start; row < end; row++) {
        const offset = (row - start) * this.count;
        const own = argMax(scores, offset, this.count);
        cells[row] = own;
        if (probes && (!probes.wanted || probes.wanted[row]))
          probes.onProbes(row, this.probeCells(scores, offset, own, probes.maxDistance, probes.maxCells));
      }
    }
    return cells;
  }

  /**
   * The cells whose bound is at most `maxDistance`, own cell first, then by centroid distance (nearest
   * first), at most maxCells. Why centroid distance and not the bound: where the bound rules out almost no
   * cell (clip-like vectors at 1M), the cap decides, and the nearest centroids held as many partners in as
   * few cells as the lowest bounds did (99.84% within 8 either way, for 1k photos added to 1M) while 1k
   * photos' lists covered 296 cells instead of 506: an increment reads those cells.
   */
  probeCells(
    scores: ArrayLike<number>,
    offset: number,
    own: number,
    maxDistance: number,
    maxCells: number,
  ): Int32Array {
    const ownScore = scores[offset + own]!;
    // The best maxCells - 1 others, kept sorted by insertion (no array of every cell: a row of isotropic
    // vectors has nearly all its cells under the bound, and 1M rows sort nothing). The key, ownScore - s_c,
    // is half the difference of squared centroid distances: the same order as the distance itself.
    const room = Math.max(0, Math.min(maxCells, this.count) - 1);
    const keys = new Float64Array(room);
    const kept = new Int32Array(room);
    let size = 0;
    const separation = this.separation;
    const base = own * this.count;
    for (let c = 0; c < this.count; c++) {
      if (c === own || room === 0) continue;
      const key = ownScore - scores[offset + c]!;
      if (size === room && key >= keys[size - 1]!) continue;
      if (key / (separation[base + c]! || 1e-12) > maxDistance) continue;
      let at = size < room ? size++ : room - 1;
      while (at > 0 && keys[at - 1]! > key) {
        keys[at] = keys[at - 1]!;
        kept[at] = kept[at - 1]!;
        at--;
      }
      keys[at] = key;
      kept[at] = c;
    }
    const out = new Int32Array(size + 1);
    out[0] = own;
    out.set(kept.subarray(0, size), 1);
    return out;
  }

  /** Every cell with its bound for a query (own cell bound 0), nearest bound first. */
  boundsFor(vector: Float32Array): { cell: number; bound: number }[] {
    const scores = this.scoresOf(vector);
    const own = argMax(scores, 0, this.count);
    const ownScore = scores[own]!;
    const out: { cell: number; bound: number }[] = [];
    for (let c = 0; c < this.count; c++)
      out.push({
        cell: c,
        bound: c === own ? 0 : (ownScore - scores[c]!) / (this.separation[own * this.count + c]! || 1e-12),
      });
    return out.sort((x, y) => x.bound - y.bound);
  }
}

export function argMax(values: ArrayLike<number>, offset: number, count: number): number {
  let best = 0;
  let bestValue = -Infinity;
  for (let c = 0; c < count; c++) {
    const value = values[offset + c]!;
    if (value > bestValue) {
      bestValue = value;
      best = c;
    }
  }
  return best;
}
