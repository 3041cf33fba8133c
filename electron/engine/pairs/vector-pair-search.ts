import type { SimilarityKernel } from './similarity-kernel';
import { TimeSlices } from '../platform/time-slices';

/** Vectors of one kind (a model's embeddings, or the perceptual coarse vectors), one row per content hash. */
export interface VectorTable {
  hashes: string[];
  /** Row-major, `dims` floats per hash. */
  vectors: Float32Array;
  dims: number;
}

/** Two content hashes within the search distance, `a < b`. */
export interface VectorPair {
  a: string;
  b: string;
  distance: number;
}

export interface VectorPairSearchOptions {
  /** Stops between blocks; the block in progress is not reported. */
  signal?: AbortSignal;
  /** New rows per block (tests use small blocks to cross block edges). */
  blockRows?: number;
  /**
   * True (the default) for unit vectors (CLIP embeddings); false for vectors of any length (the perceptual
   * coarse vectors), which need a wider quantised form for an exact cut.
   */
  unitVectors?: boolean;
}

/** Rows per block: a 4096 x 4096 product is 64 MB, big enough to keep SGEMM busy, small enough for a laptop. */
/** These rows of a table, row-major in one array. */
export function gatherRows(table: VectorTable, rows: number[]): Float32Array {
  const vectors = new Float32Array(rows.length * table.dims);
  rows.forEach((row, position) =>
    vectors.set(table.vectors.subarray(row * table.dims, (row + 1) * table.dims), position * table.dims),
  );
  return vectors;
}

export const PAIR_BLOCK_ROWS = 4096;

/**
 * Every pair within `maxDistance` (L2) that involves at least one of `newRows`, exactly: each new row is
 * compared with every other row once (new against old, and new against new as a triangle), in blocks.
 * A quantised prefilter finds candidates (int8 vectors with one shared scale, integer products in
 * onnxruntime, cut at a threshold lowered by the worst-case quantisation error, so no true pair can fall
 * below it), then each candidate's distance is computed in float64 from the original vectors and cut
 * exactly at `maxDistance`. `onChunk` receives each block of new rows with its pairs, so callers can store
 * and checkpoint as they go.
 */
export async function searchVectorPairs(
  table: VectorTable,
  newRows: number[],
  maxDistance: number,
  kernel: SimilarityKernel,
  onChunk: (newHashes: string[], pairs: VectorPair[]) => Promise<void>,
  { signal, blockRows = PAIR_BLOCK_ROWS, unitVectors = true }: VectorPairSearchOptions = {},
): Promise<void> {
  const { dims, vectors } = table;
  // New rows first, then the rest: the pairs to compute are then (i, j) with i new and j > i.
  const isNew = new Uint8Array(table.hashes.length);
  for (const row of newRows) isNew[row] = 1;
  const order = [...newRows];
  for (let row = 0; row < table.hashes.length; row++) if (!isNew[row]) order.push(row);
  const quantised = await quantise(table, order, maxDistance, unitVectors);
  const { norms, minProduct } = quantised;
  const qDims = quantised.dims;
  const maxSquared = maxDistance * maxDistance;
  for (let iStart = 0; iStart < newRows.length && !signal?.aborted; iStart += blockRows) {
    const iEnd = Math.min(newRows.length, iStart + blockRows);
    // Only new rows are ever transposed (MatMulInteger's right side); every other block is used in place as
    // the row-major left side, so adding 1k photos to 100k shuffles 1k rows, not 100k.
    const newColumns = transposedBlock(quantised.right, qDims, iStart, iEnd);
    const pairs: VectorPair[] = [];
    for (let jStart = iStart; jStart < order.length && !signal?.aborted; jStart += blockRows) {
      const jEnd = Math.min(order.length, jStart + blockRows);
      const block = quantised.left.subarray(jStart * qDims, jEnd * qDims);
      const found = await kernel.candidates(block, QUANTISED_ZERO, newColumns, qDims, minProduct);
      for (let m = 0; m < found.left.length; m++) {
        const j = jStart + found.left[m]!;
        const i = iStart + found.right[m]!;
        if (j <= i) continue;
        const a = order[i]! * dims;
        const b = order[j]! * dims;
        let dot = 0;
        for (let k = 0; k < dims; k++) dot += vectors[a + k]! * vectors[b + k]!;
        const squared = norms[i]! + norms[j]! - 2 * dot;
        if (squared > maxSquared) continue;
        const hashA = table.hashes[order[i]!]!;
        const hashB = table.hashes[order[j]!]!;
        const distance = Math.sqrt(Math.max(0, squared));
        pairs.push(hashA < hashB ? { a: hashA, b: hashB, distance } : { a: hashB, b: hashA, distance });
      }
    }
    if (signal?.aborted) return;
    await onChunk(
      order.slice(iStart, iEnd).map((row) => table.hashes[row]!),
      pairs,
    );
  }
}

/** uint8 rows carry int8 values shifted by this zero point (MatMulInteger takes u8 x s8). */
export const QUANTISED_ZERO = 128;

/**
 * The vectors in `order` as int8 steps of one shared scale (stored + 128 as uint8), a left and a right form,
 * with their squared norms and the integer cut that no pair within `maxDistance` can fall below.
 * Unit vectors: both forms are the vector, and a.b >= (|a|^2 + |b|^2 - D^2) / 2 >= min|x|^2 - D^2 / 2.
 * Other vectors (perceptual coarse vectors): left [a, -|a|^2/2, 1] and right [b, 1, -|b|^2/2], whose product
 * is exactly -|a - b|^2 / 2, so the cut is -D^2 / 2 whatever the norms.
 */
export async function quantise(
  table: VectorTable,
  order: number[],
  maxDistance: number,
  unitVectors: boolean,
) {
  if (unitVectors) return quantiseUnitVectors(table, order, maxDistance);
  const { vectors } = table;
  const dims = unitVectors ? table.dims : table.dims + 2;
  // Unit vectors are used as they are, in `order`; others get their two augmented forms.
  const left = new Float32Array(order.length * dims);
  const right = unitVectors ? null : new Float32Array(order.length * dims);
  const norms = new Float64Array(order.length);
  let minNormSquared = Infinity;
  let maxAbs = 0;
  for (let position = 0; position < order.length; position++) {
    const source = order[position]! * table.dims;
    const target = position * dims;
    let squared = 0;
    for (let k = 0; k < table.dims; k++) {
      const value = vectors[source + k]!;
      squared += value * value;
      left[target + k] = value;
      if (value > maxAbs) maxAbs = value;
      else if (-value > maxAbs) maxAbs = -value;
    }
    norms[position] = squared;
    if (squared < minNormSquared) minNormSquared = squared;
    if (right) {
      right.set(left.subarray(target, target + table.dims), target);
      left[target + table.dims] = -squared / 2;
      left[target + table.dims + 1] = 1;
      right[target + table.dims] = 1;
      right[target + table.dims + 1] = -squared / 2;
      maxAbs = Math.max(maxAbs, squared / 2, 1);
    }
  }
  const scale = maxAbs > 0 ? 127 / maxAbs : 1;
  const maxL1 = (values: Float32Array) => {
    let most = 0;
    for (let row = 0; row < order.length; row++) {
      let l1 = 0;
      for (let k = row * dims; k < (row + 1) * dims; k++) l1 += values[k]! < 0 ? -values[k]! : values[k]!;
      if (l1 > most) most = l1;
    }
    return most;
  };
  // Worst case of the quantised product's error, per pair: each component is off by at most half a step.
  const halfStep = 0.5 / scale;
  const leftL1 = maxL1(left);
  const maxError = halfStep * (leftL1 + (right ? maxL1(right) : leftL1)) + dims * halfStep ** 2;
  const cut = unitVectors
    ? (2 * (Number.isFinite(minNormSquared) ? minNormSquared : 0) - maxDistance ** 2) / 2
    : -(maxDistance ** 2) / 2;
  const leftQuantised = toQuantised(left, scale);
  return {
    left: leftQuantised,
    right: right ? toQuantised(right, scale) : leftQuantised,
    dims,
    norms,
    minProduct: Math.floor((cut - maxError) * scale * scale) - 1,
  };
}

/**
 * quantise() for unit vectors, in two passes over the table instead of four (norms, largest component and
 * largest L1 norm together, then the codes straight from the table): the same codes and cut. At 1M photos
 * the passes were seconds of a pair build, and an increment quantises every vector of the cells it reads
 * (2.8 s for an increment of 1k at 1M): both passes run in slices, so the engine answers in between.
 */
async function quantiseUnitVectors(table: VectorTable, order: number[], maxDistance: number) {
  const { vectors, dims } = table;
  const slices = new TimeSlices();
  const norms = new Float64Array(order.length);
  let minNormSquared = Infinity;
  let maxAbs = 0;
  let leftL1 = 0;
  for (let position = 0; position < order.length; position++) {
    if (position % SLICE_CHECK_ROWS === 0) await slices.yieldIfDue();
    const source = order[position]! * dims;
    // Per-row accumulators without branches: V8 keeps them in registers (half the time of updating the
    // table-wide largest component inside the loop).
    let squared = 0;
    let l1 = 0;
    let largest = 0;
    for (let k = source, end = source + dims; k < end; k++) {
      const value = vectors[k]!;
      const magnitude = Math.abs(value);
      squared += value * value;
      l1 += magnitude;
      largest = Math.max(largest, magnitude);
    }
    norms[position] = squared;
    if (largest > maxAbs) maxAbs = largest;
    if (squared < minNormSquared) minNormSquared = squared;
    if (l1 > leftL1) leftL1 = l1;
  }
  const scale = maxAbs > 0 ? 127 / maxAbs : 1;
  const halfStep = 0.5 / scale;
  const maxError = halfStep * (leftL1 + leftL1) + dims * halfStep ** 2;
  const cut = (2 * (Number.isFinite(minNormSquared) ? minNormSquared : 0) - maxDistance ** 2) / 2;
  const codes = new Uint8Array(order.length * dims);
  const offset = QUANTISED_ZERO + 0.5;
  for (let position = 0; position < order.length; position++) {
    if (position % SLICE_CHECK_ROWS === 0) await slices.yieldIfDue();
    const source = order[position]! * dims;
    const target = position * dims;
    for (let k = 0; k < dims; k++) codes[target + k] = vectors[source + k]! * scale + offset;
  }
  return {
    left: codes,
    right: codes,
    dims,
    norms,
    minProduct: Math.floor((cut - maxError) * scale * scale) - 1,
  };
}

/** Rows between two looks at the clock: about 0.1 ms of work at 512 dimensions. */
const SLICE_CHECK_ROWS = 256;

/** Adding zero point + 0.5 and letting the Uint8Array store truncate is round-half-up, without Math.round. */
function toQuantised(values: Float32Array, scale: number): Uint8Array {
  const offset = QUANTISED_ZERO + 0.5;
  const out = new Uint8Array(values.length);
  for (let k = 0; k < values.length; k++) out[k] = values[k]! * scale + offset;
  return out;
}

/** Rows [start, end) of the quantised matrix as a column-major int8 block (MatMulInteger's right side). */
export function transposedBlock(rows: Uint8Array, dims: number, start: number, end: number): Int8Array {
  const count = end - start;
  const block = new Int8Array(dims * count);
  for (let r = 0; r < count; r++) {
    const base = (start + r) * dims;
    for (let k = 0; k < dims; k++) block[k * count + r] = rows[base + k]! - QUANTISED_ZERO;
  }
  return block;
}
