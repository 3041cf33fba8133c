import type { SimilarityKernel } from '../pairs/similarity-kernel';
import {
  gatherRows,
  quantise,
  QUANTISED_ZERO,
  transposedBlock,
  type VectorPair,
  type VectorTable,
} from '../pairs/vector-pair-search';
import type { CellGeneration, CellStore, ProbedVector } from '../store/cell-store';
import type { CellGeometry } from './cell-geometry';
import type { ProductKernel } from './product-kernel';

/**
 * Slack on the probe bound: a vector's stored cell is its nearest centroid up to float rounding, so a
 * partner exactly at the pair distance is never lost to a rounding of the bound.
 */
const BOUND_SLACK = 1e-4;

/** New hashes per ClickHouse pair query: its right-hand side is these vectors once per probed cell. */
const INCREMENT_CHUNK = 2000;

/** New rows per checkpoint of the cell-by-cell build (stored and marked paired together). */
const BUILD_CHUNK = 65_536;

export interface CellPairing {
  generation: CellGeneration;
  geometry: CellGeometry;
  maxDistance: number;
  maxProbes: number;
  signal?: AbortSignal;
  /** Stores a chunk's pairs and marks its new hashes paired. */
  onChunk: (newHashes: string[], pairs: VectorPair[]) => Promise<void>;
}

/**
 * The pairs of a few new hashes, computed in ClickHouse: each new vector (read from its cell row, so a hash
 * not assigned yet waits for the next run) with the cells whose bound is within the pair distance, joined
 * against those cells' vectors and cut at the distance there. Exact unless a vector needs more than
 * `maxProbes` cells. What comes back is the new vectors and their pairs, whatever the library's size.
 */
export async function pairIncrementInCells(
  cells: CellStore,
  kernel: ProductKernel,
  newHashes: string[],
  pairing: CellPairing,
): Promise<void> {
  const { generation, geometry, maxDistance, maxProbes, signal } = pairing;
  for (let i = 0; i < newHashes.length && !signal?.aborted; i += INCREMENT_CHUNK) {
    const table = await cells.vectorsOf(generation, newHashes.slice(i, i + INCREMENT_CHUNK));
    if (table.hashes.length === 0 || table.dims !== geometry.dims) continue;
    const probed: ProbedVector[] = [];
    await geometry.assign(kernel, table.vectors, {
      maxDistance: maxDistance + BOUND_SLACK,
      maxCells: maxProbes,
      onProbes: (row, probeCells) =>
        probed.push({
          hash: table.hashes[row]!,
          vector: table.vectors.subarray(row * table.dims, (row + 1) * table.dims),
          cells: probeCells,
        }),
    });
    const found = await cells.pairsOf(generation, probed, maxDistance);
    if (signal?.aborted) return;
    await pairing.onChunk(table.hashes, found);
  }
}

/** New hashes per embedded increment: their probed cells are read once for the lot. */
const NEARBY_CHUNK = 20_000;

/**
 * The pairs of a few new hashes on embedded ClickHouse (no network, so reading vectors costs memory
 * bandwidth, not bytes on a wire): the cells the new vectors probe are read by key and paired by
 * pairAllInCells, new against those cells' members only. ClickHouse's join (pairIncrementInCells) costs
 * microseconds per candidate, the int8 kernel nanoseconds.
 */
export async function pairNearbyInCells(
  cells: CellStore,
  productKernel: ProductKernel,
  kernel: SimilarityKernel,
  newHashes: string[],
  pairing: CellPairing,
): Promise<void> {
  const { generation, geometry, maxDistance, maxProbes, signal } = pairing;
  for (let i = 0; i < newHashes.length && !signal?.aborted; i += NEARBY_CHUNK) {
    const fresh = await cells.vectorsOf(generation, newHashes.slice(i, i + NEARBY_CHUNK));
    if (fresh.hashes.length === 0 || fresh.dims !== geometry.dims) continue;
    const probed = new Set<number>();
    await geometry.assign(productKernel, fresh.vectors, {
      maxDistance: maxDistance + BOUND_SLACK,
      maxCells: maxProbes,
      onProbes: (_row, probeCells) => probeCells.forEach((cell) => probed.add(cell)),
    });
    const nearby = await cells.vectorsInCells(generation, [...probed]);
    const rowOf = new Map(nearby.hashes.map((hash, row) => [hash, row]));
    const newRows = fresh.hashes.map((hash) => rowOf.get(hash)).filter((row) => row !== undefined);
    await pairAllInCells(nearby, newRows, productKernel, kernel, pairing, nearby.cells);
  }
}

/**
 * The pairs of many new rows (a first index, a large import), cell by cell in Node: every vector's cell and
 * every new vector's probe cells by SGEMM, the rows sorted by cell so each cell is one contiguous block of
 * the quantised table, then for each cell its members against the new rows that probe it through the
 * exact int8 kernel (the same cut and float64 re-check as the brute force). A pair of two new rows that
 * probe each other's cells is kept from the lower row only, so it is stored once. `storedCells` (rows read
 * from cell_vectors) are the rows' cells as assigned: then only the new rows are scored against the
 * centroids, not the whole table (at 1M, the cells 1k new photos probe hold hundreds of thousands).
 */
export async function pairAllInCells(
  table: VectorTable,
  newRows: number[],
  productKernel: ProductKernel,
  kernel: SimilarityKernel,
  pairing: CellPairing,
  storedCells?: Int32Array,
): Promise<void> {
  const { geometry, maxDistance, maxProbes, signal } = pairing;
  const rows = table.hashes.length;
  const isNew = new Uint8Array(rows);
  for (const row of newRows) isNew[row] = 1;
  const probeLists: Int32Array[] = new Array(rows);
  const bound = { maxDistance: maxDistance + BOUND_SLACK, maxCells: maxProbes };
  let owner: Int32Array;
  if (storedCells) {
    owner = storedCells;
    await geometry.assign(
      productKernel,
      gatherRows(table, newRows),
      { ...bound, onProbes: (k, probeCells) => (probeLists[newRows[k]!] = probeCells) },
      signal,
    );
  } else
    owner = await geometry.assign(
      productKernel,
      table.vectors,
      { ...bound, wanted: isNew, onProbes: (row, probeCells) => (probeLists[row] = probeCells) },
      signal,
    );
  if (signal?.aborted) return;
  // Rows in cell order: cell c's members are positions cellStart[c] .. cellStart[c + 1].
  const cellStart = new Int32Array(geometry.count + 1);
  for (let row = 0; row < rows; row++) cellStart[owner[row]! + 1]!++;
  for (let c = 0; c < geometry.count; c++) cellStart[c + 1]! += cellStart[c]!;
  const order = new Array<number>(rows);
  const fill = cellStart.slice(0, geometry.count);
  for (let row = 0; row < rows; row++) order[fill[owner[row]!]!++] = row;
  const position = new Int32Array(rows);
  order.forEach((row, at) => (position[row] = at));
  const quantised = await quantise(table, order, maxDistance, true);
  const { dims, vectors } = table;
  const qDims = quantised.dims;
  const maxSquared = maxDistance * maxDistance;
  const probes = (row: number, cell: number) => probeLists[row]?.includes(cell) ?? false;

  for (let start = 0; start < newRows.length && !signal?.aborted; start += BUILD_CHUNK) {
    const chunk = newRows.slice(start, start + BUILD_CHUNK);
    const probersOf = new Map<number, number[]>();
    for (const row of chunk)
      for (const cell of probeLists[row]!) {
        const list = probersOf.get(cell);
        if (list) list.push(row);
        else probersOf.set(cell, [row]);
      }
    const pairs: VectorPair[] = [];
    for (const [cell, probers] of probersOf) {
      if (signal?.aborted) return;
      const from = cellStart[cell]!;
      const to = cellStart[cell + 1]!;
      if (to === from) continue;
      const gathered = new Uint8Array(probers.length * qDims);
      probers.forEach((row, k) =>
        gathered.set(
          quantised.left.subarray(position[row]! * qDims, (position[row]! + 1) * qDims),
          k * qDims,
        ),
      );
      const found = await kernel.candidates(
        quantised.left.subarray(from * qDims, to * qDims),
        QUANTISED_ZERO,
        transposedBlock(gathered, qDims, 0, probers.length),
        qDims,
        quantised.minProduct,
      );
      for (let m = 0; m < found.left.length; m++) {
        const member = order[from + found.left[m]!]!;
        const prober = probers[found.right[m]!]!;
        if (member === prober) continue;
        // Found from both sides when the member is new too and probes the prober's cell: keep one.
        if (isNew[member] && member < prober && probes(member, owner[prober]!)) continue;
        const a = prober * dims;
        const b = member * dims;
        let dot = 0;
        for (let k = 0; k < dims; k++) dot += vectors[a + k]! * vectors[b + k]!;
        const squared = quantised.norms[position[prober]!]! + quantised.norms[position[member]!]! - 2 * dot;
        if (squared > maxSquared) continue;
        const hashA = table.hashes[prober]!;
        const hashB = table.hashes[member]!;
        const distance = Math.sqrt(Math.max(0, squared));
        pairs.push(hashA < hashB ? { a: hashA, b: hashB, distance } : { a: hashB, b: hashA, distance });
      }
    }
    if (signal?.aborted) return;
    await pairing.onChunk(
      chunk.map((row) => table.hashes[row]!),
      pairs,
    );
  }
}
