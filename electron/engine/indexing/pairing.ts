import { COARSE_CANDIDATE_DISTANCE, samePictureScore } from '../image/same-picture-check';
import { searchVectorPairs } from '../pairs/vector-pair-search';
import { SimilarityKernel } from '../pairs/similarity-kernel';
import { PIXEL_PAIRING, type PairStore } from '../store/pair-store';

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
): Promise<void> {
  await updateSamePicturePairs(pairs, signal, onProgress);
  if (model && !signal?.aborted) await updateSimilarPairs(pairs, model, signal, onProgress);
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

/** The similar graph of `model`, for the hashes embedded but not paired yet (the embed stage's end). */
export async function updateSimilarPairs(
  pairs: PairStore,
  model: { id: string; maxDistance: number },
  signal?: AbortSignal,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const modelHashes = await pairs.unpairedHashes(model.id);
  let done = 0;
  if (modelHashes.length > 0 && !signal?.aborted)
    await updateEmbeddingPairs(pairs, model, modelHashes, signal, (count) =>
      onProgress?.((done += count), modelHashes.length),
    );
}

/**
 * The same-picture graph of the unpaired hashes: candidates by coarse-vector distance through the same
 * blocked search (exact, vectors of any length), each verified by the perceptual check before it is stored.
 */
async function updatePixelPairs(
  pairs: PairStore,
  pixelHashes: string[],
  signal: AbortSignal | undefined,
  onChunk: (count: number) => void,
): Promise<void> {
  const table = await pairs.pixelVectors();
  const rowOf = new Map(table.hashes.map((hash, row) => [hash, row]));
  const newRows = pixelHashes.map((hash) => rowOf.get(hash)).filter((row) => row !== undefined);
  const kernel = await SimilarityKernel.create();
  try {
    await searchVectorPairs(
      table,
      newRows,
      COARSE_CANDIDATE_DISTANCE,
      kernel,
      async (newHashes, candidates) => {
        const signatures = await pairs.signaturesOf([...new Set(candidates.flatMap((c) => [c.a, c.b]))]);
        const verified = [];
        for (const candidate of candidates) {
          const a = signatures.get(candidate.a);
          const b = signatures.get(candidate.b);
          const score = a && b ? samePictureScore(a, b) : null;
          if (score) verified.push({ a: candidate.a, b: candidate.b, correlation: score.correlation });
        }
        await pairs.insertPixelPairs(verified);
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
