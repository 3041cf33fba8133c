import type { SimilarityKernel } from './similarity-kernel';

/** The vectors of one model, one row per content hash. */
export interface VectorTable {
  hashes: string[];
  /** Row-major, `dims` floats per hash. */
  vectors: Float32Array;
  dims: number;
}

export interface EmbeddingPair {
  a: string;
  b: string;
  distance: number;
}

/** Rows per block: a 4096 x 4096 product is 64 MB, big enough to keep SGEMM busy, small enough for a laptop. */
export const PAIR_BLOCK_ROWS = 4096;

/**
 * The prefilter keeps dot products a little below the exact cut so float rounding in the matrix product
 * never drops a pair at the boundary; every kept pair then gets its distance from the norms and the product
 * and is cut exactly at `maxDistance`.
 */
const DISTANCE_MARGIN = 0.01;

/**
 * Every pair within `maxDistance` (L2) that involves at least one of `newRows`, exactly: each new row is
 * compared with every other row once (new against old, and new against new as a triangle), in blocks
 * through the similarity kernel. Embeddings are unit length (the engine normalises them), so
 * L2^2 = |a|^2 + |b|^2 - 2 a.b and the cut on distance is a cut on the dot product.
 * `onChunk` receives each block row of new rows with its pairs, so callers can store and checkpoint.
 */
export async function searchEmbeddingPairs(
  table: VectorTable,
  newRows: number[],
  maxDistance: number,
  kernel: SimilarityKernel,
  onChunk: (newHashes: string[], pairs: EmbeddingPair[]) => Promise<void>,
  signal?: AbortSignal,
  blockRows = PAIR_BLOCK_ROWS,
): Promise<void> {
  const { dims } = table;
  // New rows first, then the rest: the pairs to compute are then (i, j) with i new and j > i.
  const isNew = new Uint8Array(table.hashes.length);
  for (const row of newRows) isNew[row] = 1;
  const order = [...newRows];
  for (let row = 0; row < table.hashes.length; row++) if (!isNew[row]) order.push(row);
  const norms = new Float64Array(order.length);
  order.forEach((row, position) => {
    let sum = 0;
    for (let k = row * dims; k < (row + 1) * dims; k++) sum += table.vectors[k]! ** 2;
    norms[position] = sum;
  });
  const minSimilarity = 1 - (maxDistance + DISTANCE_MARGIN) ** 2 / 2;
  const maxSquared = maxDistance * maxDistance;
  const blockOf = (start: number, end: number) => {
    const block = new Float32Array((end - start) * dims);
    for (let position = start; position < end; position++)
      block.set(
        table.vectors.subarray(order[position]! * dims, (order[position]! + 1) * dims),
        (position - start) * dims,
      );
    return block;
  };
  for (let iStart = 0; iStart < newRows.length && !signal?.aborted; iStart += blockRows) {
    const iEnd = Math.min(newRows.length, iStart + blockRows);
    const left = blockOf(iStart, iEnd);
    const pairs: EmbeddingPair[] = [];
    for (let jStart = iStart; jStart < order.length && !signal?.aborted; jStart += blockRows) {
      const jEnd = Math.min(order.length, jStart + blockRows);
      const right = jStart === iStart && jEnd === iEnd ? left : blockOf(jStart, jEnd);
      const matches = await kernel.matches(left, right, dims, minSimilarity);
      for (let m = 0; m < matches.left.length; m++) {
        const i = iStart + matches.left[m]!;
        const j = jStart + matches.right[m]!;
        if (j <= i) continue;
        const squared = norms[i]! + norms[j]! - 2 * matches.similarity[m]!;
        if (squared > maxSquared) continue;
        const a = table.hashes[order[i]!]!;
        const b = table.hashes[order[j]!]!;
        const distance = Math.sqrt(Math.max(0, squared));
        pairs.push(a < b ? { a, b, distance } : { a: b, b: a, distance });
      }
    }
    if (signal?.aborted) return;
    await onChunk(
      order.slice(iStart, iEnd).map((row) => table.hashes[row]!),
      pairs,
    );
  }
}
