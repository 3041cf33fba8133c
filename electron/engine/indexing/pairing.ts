import { COARSE_CANDIDATE_DISTANCE, samePictureScore } from '../image/perceptual-signature';
import { PIXEL_PAIRING, type PairStore } from '../store/pair-store';

/** Hashes paired per round: bounds each cross join's memory and the query's parameter size. */
const PAIRING_CHUNK = 1000;

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
  for (let i = 0; i < pixelHashes.length && !signal?.aborted; i += PAIRING_CHUNK) {
    const chunk = pixelHashes.slice(i, i + PAIRING_CHUNK);
    const candidates = await pairs.pixelCandidates(chunk, COARSE_CANDIDATE_DISTANCE);
    const verified = [];
    for (const candidate of candidates) {
      const score = samePictureScore(
        Uint8Array.from(candidate.signatureA),
        Uint8Array.from(candidate.signatureB),
      );
      if (score) verified.push({ a: candidate.a, b: candidate.b, correlation: score.correlation });
    }
    await pairs.insertPixelPairs(verified);
    await pairs.markPaired(PIXEL_PAIRING, chunk);
    onProgress?.((done += chunk.length), total);
  }
  for (let i = 0; model && i < modelHashes.length && !signal?.aborted; i += PAIRING_CHUNK) {
    const chunk = modelHashes.slice(i, i + PAIRING_CHUNK);
    await pairs.insertEmbeddingPairs(model.id, chunk, model.maxDistance);
    await pairs.markPaired(model.id, chunk);
    onProgress?.((done += chunk.length), total);
  }
}
