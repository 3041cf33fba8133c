import type { IndexError } from '../../../shared/contract/entities';
import type { ClipVisionModel } from '../model/clip-vision-model';
import type { PairStore } from '../store/pair-store';
import type { PhotoRecord, PhotoStore } from '../store/photo-store';
import type { StageStore } from '../store/stage-store';
import { updateSimilarPairs } from './pairing';
import { embedDecoded } from './photo-records';
import { preparePhoto } from './prepare-photo';

export interface EmbedContext {
  photos: PhotoStore;
  stages: StageStore;
  pairs: PairStore;
  model: ClipVisionModel;
  batchSize: number;
  /** Only rows under these folders (an index run's); null: the whole library (a resume, a model change). */
  under: string[] | null;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, currentFile: string | null) => void;
  /** Similar pairs are being computed (the stage's last step). */
  onPairing?: (done: number, total: number) => void;
}

export interface EmbedResult {
  /** Paths that received the model's vector. */
  written: string[];
  errors: IndexError[];
}

/**
 * Stage 3: the model's vector for every looked-at photo that lacks it, chosen from the store (no walk):
 * photos looked at while the model was not loaded yet, after a model change, or left by a run that was
 * stopped. A content another row already holds the vector of is copied; the others are decoded again at
 * the model's size (each content once) and embedded, a batch per atomic insert. A file that changed since
 * its look is left for the next index run, which looks at it afresh. Then the similar pairs.
 */
export async function embedMissing(context: EmbedContext): Promise<EmbedResult> {
  const { model, signal } = context;
  const result: EmbedResult = { written: [], errors: [] };
  const total = await context.stages.countLacking(model.id, context.under);
  let after = '';
  let done = 0;
  while (!signal?.aborted) {
    const rows = await context.stages.lacking(model.id, context.under, after, context.batchSize);
    if (rows.length === 0) break;
    after = rows.at(-1)!.path;
    const embedded = await embedRows(rows, context, result.errors);
    await context.photos.insert(embedded);
    result.written.push(...embedded.map((row) => row.path));
    done += rows.length;
    context.onProgress?.(done, Math.max(total, done), after);
  }
  if (!signal?.aborted)
    await updateSimilarPairs(
      context.pairs,
      { id: model.id, maxDistance: model.thresholds.maxPairDistance },
      signal,
      context.onPairing,
    );
  return result;
}

async function embedRows(
  rows: PhotoRecord[],
  context: EmbedContext,
  errors: IndexError[],
): Promise<PhotoRecord[]> {
  const { model } = context;
  const known = await context.stages.vectorsByHash(
    model.id,
    rows.map((row) => row.hash),
  );
  // One decode per content: the first row of each hash without a stored vector.
  const toDecode = new Map<string, PhotoRecord>();
  for (const row of rows) if (!known.has(row.hash) && !toDecode.has(row.hash)) toDecode.set(row.hash, row);
  const decoded = await Promise.all(
    [...toDecode.values()].map((row) =>
      preparePhoto(row, row.hash, model.preprocessing, { expect: { size: row.size, mtimeMs: row.mtimeMs } }),
    ),
  );
  const photos = decoded.flatMap((outcome) => (outcome.ok ? [outcome.photo] : []));
  for (const outcome of decoded) {
    if (!outcome.ok)
      errors.push({ path: outcome.path, error: `${outcome.error} (left for the next index run)` });
  }
  const vectors = await embedDecoded(photos, model);
  photos.forEach((photo, index) => known.set(photo.hash, Array.from(vectors[index]!)));
  return rows.flatMap((row) => {
    const vector = known.get(row.hash);
    return vector ? [{ ...row, model: model.id, vector }] : [];
  });
}
