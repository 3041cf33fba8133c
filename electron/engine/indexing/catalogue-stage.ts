import type { IndexError } from '../../../shared/contract/entities';
import { hashFile, hashFileStart } from '../platform/file-hash';
import type { ContentIndex } from '../store/content-index';
import type { KnownFile, PhotoRecord, PhotoStore } from '../store/photo-store';
import type { StageStore } from '../store/stage-store';
import { scanFolders, type ScannedFile } from './scan-folders';
import { isUnhashed, unhashedPlaceholder } from './unhashed';
import type { ScanTarget } from './scan-targets';
import { vanishedFiles } from './vanished-files';

/** A file for the look stage; `hash` null when no other file shares its size (hashed from the decode's bytes). */
export interface LookItem {
  file: ScannedFile;
  hash: string | null;
}

export interface CatalogueContext {
  photos: PhotoStore;
  stages: StageStore;
  knownContent?: ContentIndex;
  exclude: string[];
  signal?: AbortSignal;
  /** Rows written per atomic insert. */
  batchSize: number;
  onProgress?: (done: number, total: number) => void;
}

export interface Catalogue {
  scanned: ScannedFile[];
  /** What the look stage decodes, in scan order. */
  toLook: LookItem[];
  /** Paths whose row was written here: a moved or copied file's reused work. */
  reused: string[];
  /** Paths that had a row before the run. */
  known: Set<string>;
  skipped: number;
  removed: number;
  errors: IndexError[];
}

/** Files hashed at once: reads overlap, without a thousand descriptors open. */
const HASHES_AT_ONCE = 8;

/**
 * How much of each same-size file is read before a full hash (as fdupes and rmlint do): a photo's first
 * 64 KB hold its EXIF (capture time, exposure) and the start of its pixels, so two different photos of one
 * size almost never share them. It matters where sizes collide by chance: a camera's uncompressed RAWs
 * all have one size, and so do screenshots of one phone; without it each of them would be read in full.
 */
const START_BYTES = 64 * 1024;

/**
 * Stage 1: walk and stat every target, then find byte-identical files hashing only where it can matter (as
 * fdupes and rmlint do): a file whose size no other scanned file and no stored row has can be a copy of
 * nothing, so its hash waits for the look stage, which reads its bytes anyway. The others are hashed now:
 * a stored row with the same content (a moved, renamed or copied file) gives its work. Every other file
 * gets a catalogued row (hash or a placeholder, size, date; no look yet): a row per path from the first
 * stage on, identical groups listed before any decode, and a stopped run's files known to the store.
 * Rows of files gone from the walked folders are dropped at the end, after a moved file found its old row.
 */
export async function catalogueFiles(targets: ScanTarget[], context: CatalogueContext): Promise<Catalogue> {
  const { photos, signal } = context;
  const errors: IndexError[] = [];
  const unreadable: string[] = [];
  const scanned = await scanFolders(targets, {
    exclude: context.exclude,
    signal,
    onError: (path, error) => errors.push({ path, error }),
    onUnreadable: (dir) => unreadable.push(dir),
  });
  // Only rows under what was walked: a row elsewhere is neither unchanged nor vanished, just not looked at.
  const walked = targets.map((target) => target.dir);
  const known = new Map((await photos.knownUnder(walked)).map((file) => [file.path, file]));
  const todo = scanned.filter((file) => !isUnchangedAndLooked(file, known.get(file.path)));

  const sizes = await sizesThatCollide(scanned, context.stages);
  const unique = await uniqueByStart(todo, known, sizes, signal);
  const items: LookItem[] = [];
  const reused: string[] = [];
  const written: PhotoRecord[] = [];
  let done = 0;
  const flush = async () => {
    await photos.insert(written.splice(0));
  };
  for (let i = 0; i < todo.length && !signal?.aborted; i += HASHES_AT_ONCE) {
    const slice = todo.slice(i, i + HASHES_AT_ONCE);
    const hashes = await Promise.all(
      slice.map((file) =>
        unique.has(file.path) ? null : hashIfItMatters(file, known.get(file.path), sizes.colliding),
      ),
    );
    for (const [index, file] of slice.entries()) {
      const hash = hashes[index] ?? null;
      const work = hash === null ? null : await reusableWork(hash, context);
      if (work) {
        written.push({
          ...work,
          path: file.path,
          folder: file.folder,
          size: file.size,
          mtimeMs: file.mtimeMs,
        });
        reused.push(file.path);
        continue;
      }
      written.push(cataloguedRow(file, hash ?? unhashedPlaceholder(file.path)));
      items.push({ file, hash });
    }
    done += slice.length;
    if (written.length >= context.batchSize) await flush();
    context.onProgress?.(done, todo.length);
  }
  await flush();

  // "Looks empty: not connected?" is for a library folder walked whole; an emptied subfolder is a deletion.
  const wholeFolders = targets.filter((target) => target.dir === target.folder).map((target) => target.dir);
  const gone = vanishedFiles(known.keys(), scanned, wholeFolders, unreadable);
  errors.push(...gone.errors);
  const vanished = signal?.aborted ? [] : gone.vanished;
  await photos.remove(vanished);
  return {
    scanned,
    toLook: items,
    reused,
    known: new Set(known.keys()),
    skipped: scanned.length - todo.length,
    removed: vanished.length,
    errors,
  };
}

/**
 * Unchanged (size + mtime) and decoded: nothing to do here. Whether it holds this model's vector is the
 * embed stage's question, answered from the store.
 */
function isUnchangedAndLooked(file: ScannedFile, known: KnownFile | undefined): boolean {
  return Boolean(known?.looked && known.size === file.size && known.mtimeMs === file.mtimeMs);
}

interface CollidingSizes {
  /** Sizes shared by two scanned files, or by a scanned file and any stored row (a move, a copy). */
  colliding: Set<number>;
  /** Sizes some stored row has: a file of that size may be a stored content moved here. */
  stored: Set<number>;
}

async function sizesThatCollide(scanned: ScannedFile[], stages: StageStore): Promise<CollidingSizes> {
  const stored = await stages.storedSizes();
  const seen = new Set<number>();
  const colliding = new Set<number>();
  for (const { size } of scanned) {
    if (seen.has(size) || stored.has(size)) colliding.add(size);
    seen.add(size);
  }
  return { colliding, stored };
}

/**
 * Files to catalogue whose size only other scanned files share, and whose first START_BYTES no other file
 * of that size shares: none of them can be a copy, so they are left unhashed (the look hashes them from the
 * bytes it reads anyway). A size a stored row has is never narrowed: the stored row knows only its full
 * hash, which a moved file must be matched against. A file whose start cannot be read is hashed as before.
 */
async function uniqueByStart(
  todo: ScannedFile[],
  known: Map<string, KnownFile>,
  sizes: CollidingSizes,
  signal: AbortSignal | undefined,
): Promise<Set<string>> {
  const candidates = todo.filter(
    (file) =>
      file.size > 0 &&
      sizes.colliding.has(file.size) &&
      !sizes.stored.has(file.size) &&
      !hasKnownHash(file, known.get(file.path)),
  );
  const starts = new Map<string, string[]>();
  for (let i = 0; i < candidates.length && !signal?.aborted; i += HASHES_AT_ONCE) {
    const slice = candidates.slice(i, i + HASHES_AT_ONCE);
    const hashes = await Promise.all(
      slice.map((file) =>
        hashFileStart(file.path, START_BYTES, { linksWithin: file.folder }).catch(() => null),
      ),
    );
    for (const [index, file] of slice.entries()) {
      const start = hashes[index];
      if (!start) continue;
      const key = `${file.size}:${start}`;
      starts.set(key, [...(starts.get(key) ?? []), file.path]);
    }
  }
  return new Set([...starts.values()].filter((paths) => paths.length === 1).flat());
}

/** Catalogued before with its content hashed (a run stopped before its look): that hash still holds. */
function hasKnownHash(file: ScannedFile, known: KnownFile | undefined): known is KnownFile {
  return Boolean(
    known && known.size === file.size && known.mtimeMs === file.mtimeMs && !isUnhashed(known.hash, file.path),
  );
}

async function hashIfItMatters(
  file: ScannedFile,
  known: KnownFile | undefined,
  colliding: Set<number>,
): Promise<string | null> {
  // Catalogued before (a run stopped before its look): the same size and date, the same content.
  if (hasKnownHash(file, known)) return known.hash;
  if (file.size === 0 || !colliding.has(file.size)) return null;
  // Unreadable now: the look stage reports why, in its words.
  return hashFile(file.path, { linksWithin: file.folder }).catch(() => null);
}

/** A looked-at row with this content, whose decode (and vector) a moved or copied file can take. */
async function reusableWork(hash: string, context: CatalogueContext): Promise<PhotoRecord | null> {
  const mayBeStored = context.knownContent?.mayContain(hash) ?? true;
  const existing = mayBeStored ? await context.photos.findByHash(hash) : null;
  context.knownContent?.remember(hash);
  return existing && existing.pixelVector.length > 0 ? existing : null;
}

/** A row that lists the file and its content before any decode (the look stage completes it). */
function cataloguedRow(file: ScannedFile, hash: string): PhotoRecord {
  return {
    path: file.path,
    folder: file.folder,
    size: file.size,
    mtimeMs: file.mtimeMs,
    hash,
    width: 0,
    height: 0,
    format: '',
    takenAt: null,
    signature: [],
    pixelVector: [],
    model: '',
    vector: [],
  };
}
