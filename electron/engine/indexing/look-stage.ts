import type { IndexError } from '../../../shared/contract/entities';
import type { ClipVisionModel } from '../model/clip-vision-model';
import type { PairStore } from '../store/pair-store';
import type { PhotoRecord, PhotoStore } from '../store/photo-store';
import type { LookItem } from './catalogue-stage';
import { updateSamePicturePairs } from './pairing';
import { chunk, embedDecoded, lookedRecord } from './photo-records';
import { preparePhoto, type PreparedPhoto } from './prepare-photo';

export interface LookContext {
  photos: PhotoStore;
  pairs: PairStore;
  batchSize: number;
  signal?: AbortSignal;
  /** The vision tower if it is loaded now, asked before each batch: then the one decode feeds CLIP too. */
  model: () => ClipVisionModel | null;
  onProgress?: (done: number, total: number, currentFile: string | null) => void;
  /** New same-picture pairs were stored: groups may have changed. */
  onPairsStored?: () => void;
}

export interface LookResult {
  /** Paths whose looked row was stored. */
  written: string[];
  /** Paths that could not be read or decoded (their errors are in `errors`). */
  failed: string[];
  errors: IndexError[];
}

/**
 * Same-picture pairing runs after the first this many photos are looked at, then each time the count has
 * doubled, and once at the end: groups appear early, and as each pairing reads the whole pixel table, the
 * total stays a small multiple of one pairing (about log2 of the run's size table reads, each comparison
 * of a new photo made once).
 */
export const FIRST_PAIRING_AFTER = 64;

/** One content to look at, and every path holding it (identical copies are decoded once). */
interface LookUnit {
  items: LookItem[];
}

interface PreparedBatch {
  units: LookUnit[];
  model: ClipVisionModel | null;
  prepared: ({ ok: true; photo: PreparedPhoto } | { ok: false; path: string; error: string })[];
}

/**
 * Stage 2: decode each content once (shrink-on-load, at the model's size when the model is loaded, else
 * small), read its EXIF and fingerprint, and store each batch as one atomic insert, while the next batch
 * decodes. With the model loaded the same decode is embedded: no second decode later. Same-picture pairs
 * are extended as the stage goes (see FIRST_PAIRING_AFTER), so same-picture groups appear before its end.
 */
export async function lookAtPhotos(items: LookItem[], context: LookContext): Promise<LookResult> {
  const { signal } = context;
  const result: LookResult = { written: [], failed: [], errors: [] };
  const batches = chunk(groupByContent(items), context.batchSize);
  let next = batches.length > 0 ? prepare(batches[0]!, context) : null;
  let done = 0;
  let pairingAt = FIRST_PAIRING_AFTER;
  for (let i = 0; next && !signal?.aborted; i++) {
    const batch = await next;
    next = i + 1 < batches.length ? prepare(batches[i + 1]!, context) : null;
    const rows = await recordsOf(batch, result);
    await context.photos.insert(rows);
    result.written.push(...rows.map((row) => row.path));
    done += batch.units.reduce((sum, unit) => sum + unit.items.length, 0);
    context.onProgress?.(done, items.length, batch.units.at(-1)?.items[0]?.file.path ?? null);
    if (done >= pairingAt && next && !signal?.aborted) {
      if ((await updateSamePicturePairs(context.pairs, signal)) > 0) context.onPairsStored?.();
      pairingAt = done * 2;
    }
  }
  if (next) await next.catch(() => undefined);
  return result;
}

function groupByContent(items: LookItem[]): LookUnit[] {
  const units: LookUnit[] = [];
  const byHash = new Map<string, LookUnit>();
  for (const item of items) {
    const unit = item.hash === null ? undefined : byHash.get(item.hash);
    if (unit) unit.items.push(item);
    else {
      const created = { items: [item] };
      units.push(created);
      if (item.hash !== null) byHash.set(item.hash, created);
    }
  }
  return units;
}

async function prepare(units: LookUnit[], context: LookContext): Promise<PreparedBatch> {
  const model = context.model();
  const prepared = await Promise.all(
    units.map((unit) => preparePhoto(unit.items[0]!.file, unit.items[0]!.hash, model?.preprocessing ?? null)),
  );
  return { units, model, prepared };
}

async function recordsOf(batch: PreparedBatch, result: LookResult): Promise<PhotoRecord[]> {
  const photos: PreparedPhoto[] = [];
  const owners: LookUnit[] = [];
  batch.prepared.forEach((outcome, index) => {
    const unit = batch.units[index]!;
    if (outcome.ok) {
      photos.push(outcome.photo);
      owners.push(unit);
      return;
    }
    // Copies share the bytes, so the first one's failure is theirs too.
    for (const item of unit.items) {
      result.errors.push({ path: item.file.path, error: outcome.error });
      result.failed.push(item.file.path);
    }
  });
  const vectors = batch.model ? await embedDecoded(photos, batch.model) : [];
  return photos.flatMap((photo, index) => {
    const vector = vectors[index];
    const embedding = vector && batch.model ? { model: batch.model.id, vector } : null;
    return owners[index]!.items.map((item) => lookedRecord(item.file, photo, embedding));
  });
}
