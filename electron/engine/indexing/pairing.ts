import {
  CANDIDATE_DIMS,
  candidateVector,
  COARSE_CANDIDATE_DISTANCE,
  samePictureScore,
} from '../image/same-picture-check';
import { searchVectorPairs, type VectorTable } from '../pairs/vector-pair-search';
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
  const pixelHashes = await pairs.unpairedHashes(PIXEL_PAIRING);
  const modelHashes = model ? await pairs.unpairedHashes(model.id) : [];
  const total = pixelHashes.length + modelHashes.length;
  let done = 0;
  if (pixelHashes.length > 0 && !signal?.aborted) {
    await updatePixelPairs(pairs, pixelHashes, signal, (count) => onProgress?.((done += count), total));
  }
  if (model && modelHashes.length > 0 && !signal?.aborted) {
    await updateEmbeddingPairs(pairs, model, modelHashes, signal, (count) =>
      onProgress?.((done += count), total),
    );
  }
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
  const table = candidateTable(await pairs.pixelVectors());
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
          if (score)
            verified.push({
              a: candidate.a,
              b: candidate.b,
              correlation: score.correlation,
              level: score.level,
            });
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

/** The stored coarse vectors in the form the candidate search compares (mirror-invariant luma). */
function candidateTable(stored: VectorTable): VectorTable {
  const vectors = new Float32Array(stored.hashes.length * CANDIDATE_DIMS);
  for (let row = 0; row < stored.hashes.length; row++) {
    const coarse = stored.vectors.subarray(row * stored.dims, (row + 1) * stored.dims);
    vectors.set(candidateVector(coarse), row * CANDIDATE_DIMS);
  }
  return { hashes: stored.hashes, vectors, dims: CANDIDATE_DIMS };
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
