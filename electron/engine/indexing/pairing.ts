import {
  CANDIDATE_DIMS,
  candidateVector,
  GREYSCALE_CANDIDATE_DIMS,
  GREYSCALE_CANDIDATE_DISTANCE,
  greyscaleCandidateVector,
  isGreyscaleVector,
} from '../image/candidate-vectors';
import { COARSE_CANDIDATE_DISTANCE, samePictureScore } from '../image/same-picture-check';
import {
  gatherRows,
  searchVectorPairs,
  type VectorPair,
  type VectorTable,
} from '../pairs/vector-pair-search';
import { SimilarityKernel } from '../pairs/similarity-kernel';
import { PIXEL_PAIRING, type PairStore, type PixelPair } from '../store/pair-store';
import { pairAllInCells, pairIncrementInCells, pairNearbyInCells } from '../cells/cell-pairing';
import { DEFAULT_CELL_OPTIONS, geometryOf, upkeepCells, type CellOptions } from '../cells/cell-upkeep';
import { ProductKernel } from '../cells/product-kernel';
import { TimeSlices } from '../platform/time-slices';

/**
 * Bring both pair graphs up to date for hashes that have none yet: the model-free same-picture graph and,
 * when a model is loaded, the embedding graph up to `maxDistance`. Each chunk is marked done only after its
 * pairs are stored, so a kill in between just redoes that chunk (pair tables deduplicate).
 */
export async function updatePairGraphs(
  pairs: PairStore,
  model: { id: string; maxDistance: number } | null,
  signal?: AbortSignal,
  onProgress?: (done: number, total: number) => void,
  cellOptions?: CellOptions,
): Promise<void> {
  await updateSamePicturePairs(pairs, signal, onProgress);
  if (model && !signal?.aborted) await updateSimilarPairs(pairs, model, signal, onProgress, cellOptions);
}

/** The same-picture graph, for the hashes looked at but not paired yet (the look stage, as it goes). */
export async function updateSamePicturePairs(
  pairs: PairStore,
  signal?: AbortSignal,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const pixelHashes = await pairs.unpairedHashes(PIXEL_PAIRING);
  let done = 0;
  if (pixelHashes.length > 0 && !signal?.aborted)
    await updatePixelPairs(pairs, pixelHashes, signal, (count) =>
      onProgress?.((done += count), pixelHashes.length),
    );
  return pixelHashes.length;
}

/**
 * The similar graph of `model`, for the hashes embedded but not paired yet (the embed stage's end). A
 * library past the cells' threshold (electron/engine/cells/) keeps its cells current here first, then
 * pairs through them: a few new hashes in ClickHouse, many cell by cell in Node. Below it, brute force.
 */
export async function updateSimilarPairs(
  pairs: PairStore,
  model: { id: string; maxDistance: number },
  signal?: AbortSignal,
  onProgress?: (done: number, total: number) => void,
  cellOptions?: CellOptions,
): Promise<void> {
  // Read before the new hashes are listed: every search row up to it is either new or has a cell.
  const searchVersion = await pairs.cells.newestSearchVersion(model.id);
  const modelHashes = await pairs.unpairedHashes(model.id);
  if (modelHashes.length === 0 || signal?.aborted) return;
  let done = 0;
  const onChunk = (count: number) => onProgress?.((done += count), modelHashes.length);
  const cells = await upkeepCells(pairs.cells, model.id, cellOptions, signal, {
    newHashes: modelHashes,
    searchVersion,
  });
  if (signal?.aborted) return;
  if (cells)
    await updateEmbeddingPairsInCells(pairs, model, modelHashes, cells, signal, onChunk, cellOptions);
  else await updateEmbeddingPairs(pairs, model, modelHashes, signal, onChunk);
}

/** A library this many times the new hashes pairs them in ClickHouse; fewer, cell by cell in Node. */
const INCREMENT_RATIO = 20;

async function updateEmbeddingPairsInCells(
  pairs: PairStore,
  model: { id: string; maxDistance: number },
  modelHashes: string[],
  { generation, hashes }: Awaited<ReturnType<typeof upkeepCells>> & object,
  signal: AbortSignal | undefined,
  onChunk: (count: number) => void,
  cellOptions: CellOptions | undefined,
): Promise<void> {
  const productKernel = await ProductKernel.create();
  try {
    const pairing = {
      generation,
      geometry: await geometryOf(pairs.cells, generation, productKernel),
      maxDistance: model.maxDistance,
      maxProbes: cellOptions?.maxIncrementProbes ?? DEFAULT_CELL_OPTIONS.maxIncrementProbes,
      signal,
      onChunk: async (newHashes: string[], found: VectorPair[]) => {
        await pairs.insertPairs(model.id, found);
        await pairs.markPaired(model.id, newHashes);
        onChunk(newHashes.length);
      },
    };
    const increment = modelHashes.length * INCREMENT_RATIO <= hashes;
    // On a server an increment runs there, so only the new photos and their pairs cross the network.
    if (increment && pairs.cells.onServer) {
      await pairIncrementInCells(pairs.cells, productKernel, modelHashes, pairing);
      return;
    }
    const kernel = await SimilarityKernel.create();
    try {
      if (increment) {
        await pairNearbyInCells(pairs.cells, productKernel, kernel, modelHashes, pairing);
        return;
      }
      const table = await pairs.modelVectors(model.id);
      const rowOf = new Map(table.hashes.map((hash, row) => [hash, row]));
      const newRows = modelHashes.map((hash) => rowOf.get(hash)).filter((row) => row !== undefined);
      // Every photo new (a first build): each pair is looked for from both its sides, so fewer cells do.
      const maxProbes =
        newRows.length === table.hashes.length
          ? (cellOptions?.maxPairProbes ?? DEFAULT_CELL_OPTIONS.maxPairProbes)
          : pairing.maxProbes;
      if (table.dims === pairing.geometry.dims)
        await pairAllInCells(table, newRows, productKernel, kernel, { ...pairing, maxProbes });
    } finally {
      await kernel.dispose();
    }
  } finally {
    await productKernel.dispose();
  }
}

/**
 * The same-picture graph of the unpaired hashes: candidates by coarse-vector distance through the same
 * blocked search (exact, vectors of any length), each verified by the perceptual check before it is stored.
 * Greyscale copies are searched first, by luma alone (their chroma says nothing): that pass marks nothing
 * paired, so a kill during either pass redoes both for the hashes not yet marked.
 */
async function updatePixelPairs(
  pairs: PairStore,
  pixelHashes: string[],
  signal: AbortSignal | undefined,
  onChunk: (count: number) => void,
): Promise<void> {
  const stored = await pairs.pixelVectors();
  const rowOf = new Map(stored.hashes.map((hash, row) => [hash, row]));
  const newRows = pixelHashes.map((hash) => rowOf.get(hash)).filter((row) => row !== undefined);
  const kernel = await SimilarityKernel.create();
  try {
    await updateGreyscalePairs(pairs, stored, newRows, kernel, signal);
    if (signal?.aborted) return;
    await searchVectorPairs(
      foldedTable(stored, CANDIDATE_DIMS, candidateVector),
      newRows,
      COARSE_CANDIDATE_DISTANCE,
      kernel,
      async (newHashes, candidates) => {
        await pairs.insertPixelPairs(await verifyCandidates(pairs, candidates));
        await pairs.markPaired(PIXEL_PAIRING, newHashes);
        onChunk(newHashes.length);
      },
      { signal, unitVectors: false },
    );
  } finally {
    await kernel.dispose();
  }
}

/**
 * Greyscale photos against colour ones, by folded luma within GREYSCALE_CANDIDATE_DISTANCE: the new rows
 * against the old greyscale ones, and (when a new row is greyscale) against every old row. Only pairs with
 * exactly one greyscale side are verified here; the main search finds the rest.
 */
async function updateGreyscalePairs(
  pairs: PairStore,
  stored: VectorTable,
  newRows: number[],
  kernel: SimilarityKernel,
  signal: AbortSignal | undefined,
): Promise<void> {
  const greyscale = new Uint8Array(stored.hashes.length);
  for (let row = 0; row < stored.hashes.length; row++)
    greyscale[row] = isGreyscaleVector(stored.vectors.subarray(row * stored.dims, (row + 1) * stored.dims))
      ? 1
      : 0;
  const newHasGreyscale = newRows.some((row) => greyscale[row] === 1);
  const isNew = new Set(newRows);
  const rows = stored.hashes
    .map((_, row) => row)
    .filter((row) => isNew.has(row) || newHasGreyscale || greyscale[row] === 1);
  if (!rows.some((row) => greyscale[row] === 1)) return;
  const table = foldedTable(
    { hashes: rows.map((row) => stored.hashes[row]!), vectors: gatherRows(stored, rows), dims: stored.dims },
    GREYSCALE_CANDIDATE_DIMS,
    greyscaleCandidateVector,
  );
  const greyscaleHashes = new Set(
    rows.filter((row) => greyscale[row] === 1).map((row) => stored.hashes[row]!),
  );
  const positionOf = new Map(rows.map((row, position) => [row, position]));
  await searchVectorPairs(
    table,
    newRows.map((row) => positionOf.get(row)!),
    GREYSCALE_CANDIDATE_DISTANCE,
    kernel,
    async (_newHashes, candidates) => {
      const mixed = candidates.filter((c) => greyscaleHashes.has(c.a) !== greyscaleHashes.has(c.b));
      await pairs.insertPixelPairs(await verifyCandidates(pairs, mixed));
    },
    { signal, unitVectors: false },
  );
}

/**
 * The candidates the perceptual check calls the same picture, with the strictest level that takes each. A
 * big batch of candidates is seconds of arithmetic (6 s for the last pairing of 1k photos, under tsx): it
 * runs in slices, so the engine answers thumbnails and calls in between.
 */
async function verifyCandidates(pairs: PairStore, candidates: VectorPair[]): Promise<PixelPair[]> {
  if (candidates.length === 0) return [];
  const signatures = await pairs.signaturesOf([...new Set(candidates.flatMap((c) => [c.a, c.b]))]);
  const verified: PixelPair[] = [];
  const slices = new TimeSlices();
  for (const candidate of candidates) {
    await slices.yieldIfDue();
    const a = signatures.get(candidate.a);
    const b = signatures.get(candidate.b);
    const score = a && b ? samePictureScore(a, b) : null;
    if (score)
      verified.push({ a: candidate.a, b: candidate.b, correlation: score.correlation, level: score.level });
  }
  return verified;
}

/** The stored coarse vectors in a form the candidate search compares (image/candidate-vectors.ts). */
function foldedTable(
  stored: VectorTable,
  dims: number,
  fold: (coarse: Float32Array) => Float32Array,
): VectorTable {
  const vectors = new Float32Array(stored.hashes.length * dims);
  for (let row = 0; row < stored.hashes.length; row++)
    vectors.set(fold(stored.vectors.subarray(row * stored.dims, (row + 1) * stored.dims)), row * dims);
  return { hashes: stored.hashes, vectors, dims };
}

/**
 * The embedding graph of the unpaired hashes: every vector of the model read once, then new against all in
 * blocks through onnxruntime (exact, see searchVectorPairs). Each block of new hashes is stored and marked
 * paired before the next, so a kill costs at most one block.
 */
async function updateEmbeddingPairs(
  pairs: PairStore,
  model: { id: string; maxDistance: number },
  modelHashes: string[],
  signal: AbortSignal | undefined,
  onChunk: (count: number) => void,
): Promise<void> {
  const table = await pairs.modelVectors(model.id);
  const rowOf = new Map(table.hashes.map((hash, row) => [hash, row]));
  const newRows = modelHashes.map((hash) => rowOf.get(hash)).filter((row) => row !== undefined);
  const kernel = await SimilarityKernel.create();
  try {
    await searchVectorPairs(
      table,
      newRows,
      model.maxDistance,
      kernel,
      async (newHashes, found) => {
        await pairs.insertPairs(model.id, found);
        await pairs.markPaired(model.id, newHashes);
        onChunk(newHashes.length);
      },
      { signal },
    );
  } finally {
    await kernel.dispose();
  }
}
