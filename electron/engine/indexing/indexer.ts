import type { IndexError, IndexProgress, IndexResult } from '../../../shared/contract/entities';
import { writePixelValues } from '../model/clip-preprocessing';
import type { ClipVisionModel } from '../model/clip-vision-model';
import type { KnownFile, PhotoRecord, PhotoStore } from '../store/photo-store';
import type { ContentIndex } from '../store/content-index';
import type { PairStore } from '../store/pair-store';
import { hashFile } from '../platform/file-hash';
import { updatePairGraphs } from './pairing';
import { preparePhoto, type PreparedOrFailed, type PreparedPhoto } from './prepare-photo';
import { scanFolders, type ScannedFile } from './scan-folders';
import { scanTargets } from './scan-targets';
import { vanishedFiles } from './vanished-files';

export interface IndexerContext {
  photos: PhotoStore;
  pairs: PairStore;
  /** null: index without a model (perceptual duplicates only); embed later when one is available. */
  model: ClipVisionModel | null;
  /** Never indexed, even when it lies inside a library folder or a link leads into it. */
  dataDir: string;
  /** Never indexed either (the thumbnail folder chosen in Settings). */
  exclude?: string[];
  batchSize: number;
  /** Contents already in the library; without it every new file is looked up in the database. */
  knownContent?: ContentIndex;
}

export interface IndexRun {
  signal?: AbortSignal;
  /**
   * Only these folders inside the library folders changed (the watcher's report): walk and reconcile just
   * those subtrees. A library folder with none of them inside is indexed whole.
   */
  onlyUnder?: string[];
  onProgress?: (progress: IndexProgress) => void;
}

/**
 * Index folders: scan, skip unchanged files (size + mtime, same model), reuse the work of moved or copied
 * files (same content hash), decode and embed the rest in batches while the next batch decodes, store each
 * batch as one atomic insert, drop rows of vanished files, then extend the pair graphs.
 */
export async function indexFolders(
  folders: string[],
  context: IndexerContext,
  run: IndexRun = {},
): Promise<IndexResult> {
  const started = Date.now();
  const errors: IndexError[] = [];
  const report = throttle(run.onProgress);
  report(
    { phase: 'scanning', done: 0, total: 0, photosPerSecond: 0, etaSeconds: null, currentFile: null },
    true,
  );
  const unreadable: string[] = [];
  const targets = await scanTargets(folders, run.onlyUnder);
  const scanned = await scanFolders(targets, {
    exclude: [context.dataDir, ...(context.exclude ?? [])],
    signal: run.signal,
    onError: (path, error) => errors.push({ path, error }),
    onUnreadable: (dir) => unreadable.push(dir),
  });
  // Only rows under what was walked: a row elsewhere is neither unchanged nor vanished, just not looked at.
  const walked = targets.map((target) => target.dir);
  const known = new Map((await context.photos.knownUnder(walked)).map((file) => [file.path, file]));
  const modelId = context.model?.id ?? '';
  const todo = scanned.filter((file) => !isUnchanged(file, known.get(file.path), modelId));
  const skipped = scanned.length - todo.length;

  // "Looks empty: not connected?" is for a library folder walked whole; an emptied subfolder is a deletion.
  const wholeFolders = targets.filter((target) => target.dir === target.folder).map((target) => target.dir);
  const gone = vanishedFiles(known.keys(), scanned, wholeFolders, unreadable);
  errors.push(...gone.errors);
  const vanished = run.signal?.aborted ? [] : gone.vanished;

  let indexed = 0;
  let done = 0;
  const embedStarted = Date.now();
  const batches = chunk(todo, context.batchSize);
  // Files that changed and then could not be read again (now a link elsewhere, a FIFO, unreadable,
  // damaged): their old rows describe content that is no longer there, so they go.
  const failed: string[] = [];
  let next = batches.length > 0 ? prepareBatch(batches[0]!, context, errors, failed) : null;
  for (let i = 0; next && !run.signal?.aborted; i++) {
    const prepared = await next;
    // Decoding the next batch (sharp's threads) overlaps embedding this one (onnxruntime's threads).
    next = i + 1 < batches.length ? prepareBatch(batches[i + 1]!, context, errors, failed) : null;
    const rows = [...prepared.reused, ...(await embedBatch(prepared.photos, context))];
    await context.photos.insert(rows);
    indexed += rows.length;
    done += batches[i]!.length;
    const seconds = (Date.now() - embedStarted) / 1000;
    const photosPerSecond = seconds > 0 ? done / seconds : 0;
    report({
      phase: 'embedding',
      done,
      total: todo.length,
      photosPerSecond,
      etaSeconds: photosPerSecond > 0 ? (todo.length - done) / photosPerSecond : null,
      currentFile: batches[i]!.at(-1)?.path ?? null,
    });
  }
  if (next) await next.catch(() => undefined);
  // Dropped only now: a file moved within this run finds its old row by content hash and reuses its work.
  const unreadableRows = failed.filter((path) => known.has(path));
  await context.photos.remove([...vanished, ...unreadableRows]);

  if (!run.signal?.aborted) {
    const model = context.model
      ? { id: context.model.id, maxDistance: context.model.thresholds.maxPairDistance }
      : null;
    await updatePairGraphs(context.pairs, model, run.signal, (pairDone, total) =>
      report({
        phase: 'pairing',
        done: pairDone,
        total,
        photosPerSecond: 0,
        etaSeconds: null,
        currentFile: null,
      }),
    );
  }
  const cancelled = Boolean(run.signal?.aborted);
  report(
    { phase: 'done', done, total: todo.length, photosPerSecond: 0, etaSeconds: 0, currentFile: null },
    true,
  );
  return {
    indexed,
    skipped,
    removed: vanished.length + unreadableRows.length,
    errors,
    cancelled,
    seconds: (Date.now() - started) / 1000,
  };
}

function isUnchanged(file: ScannedFile, known: KnownFile | undefined, modelId: string): boolean {
  if (!known || known.size !== file.size || known.mtimeMs !== file.mtimeMs) return false;
  // Without a model, a row embedded earlier is still good; with one, it must be this model's vector.
  return modelId === '' || known.model === modelId;
}

interface PreparedBatch {
  reused: PhotoRecord[];
  photos: PreparedPhoto[];
}

async function prepareBatch(
  files: ScannedFile[],
  context: IndexerContext,
  errors: IndexError[],
  failed: string[],
): Promise<PreparedBatch> {
  const reused: PhotoRecord[] = [];
  const toDecode: { file: ScannedFile; hash: string | null }[] = [];
  // Hash the batch's files together: reads overlap, and the lookup below rarely touches the database.
  const hashes = await Promise.all(
    files.map((file) =>
      file.size > 0
        ? hashFile(file.path, { linksWithin: file.folder }).catch(() => null)
        : Promise.resolve(null),
    ),
  );
  const modelId = context.model?.id ?? '';
  for (const [index, file] of files.entries()) {
    const hash = hashes[index] ?? null;
    const known = hash !== null && (context.knownContent?.mayContain(hash) ?? true);
    const existing = known ? await context.photos.findByHash(hash) : null;
    if (hash !== null) context.knownContent?.remember(hash);
    if (existing && (existing.model === modelId || modelId === '')) {
      reused.push({
        ...existing,
        path: file.path,
        folder: file.folder,
        size: file.size,
        mtimeMs: file.mtimeMs,
      });
    } else {
      toDecode.push({ file, hash });
    }
  }
  const preprocessing = context.model?.preprocessing ?? null;
  const results: PreparedOrFailed[] = await Promise.all(
    toDecode.map(({ file, hash }) => preparePhoto(file, hash, preprocessing)),
  );
  const photos: PreparedPhoto[] = [];
  for (const result of results) {
    if (result.ok) photos.push(result.photo);
    else {
      errors.push({ path: result.path, error: result.error });
      failed.push(result.path);
    }
  }
  return { reused, photos };
}

async function embedBatch(photos: PreparedPhoto[], context: IndexerContext): Promise<PhotoRecord[]> {
  const { model } = context;
  let vectors: (Float32Array | null)[] = photos.map(() => null);
  if (model && photos.length > 0) {
    const { cropWidth, cropHeight } = model.preprocessing;
    const pixelValues = new Float32Array(photos.length * 3 * cropWidth * cropHeight);
    photos.forEach((photo, slot) => writePixelValues(photo.decoded, model.preprocessing, pixelValues, slot));
    vectors = await model.embed(pixelValues, photos.length);
  }
  return photos.map((photo, i) => ({
    path: photo.file.path,
    folder: photo.file.folder,
    size: photo.file.size,
    mtimeMs: photo.file.mtimeMs,
    hash: photo.hash,
    width: photo.decoded.width,
    height: photo.decoded.height,
    format: photo.decoded.format,
    takenAt: photo.decoded.takenAt,
    signature: photo.fingerprint.signature,
    pixelVector: photo.fingerprint.coarseVector,
    model: vectors[i] ? model!.id : '',
    vector: vectors[i] ?? [],
  }));
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** At most a few progress events a second: a UI redraw per photo would cost more than the photo. */
function throttle(listener: IndexRun['onProgress']) {
  let last = 0;
  let lastPhase: IndexProgress['phase'] | null = null;
  return (progress: IndexProgress, force = false) => {
    const now = Date.now();
    // The first event of each phase always goes out, so a listener sees every phase however fast it runs.
    if (!listener || (!force && progress.phase === lastPhase && now - last < 200)) return;
    last = now;
    lastPhase = progress.phase;
    listener(progress);
  };
}
