import { stat } from 'node:fs/promises';
import type { Database } from '../../store/database';

/** One live photo row, reduced to what shows whether it was written whole. */
export interface SnapshotPhoto {
  path: string;
  hash: string;
  size: number;
  mtimeMs: number;
  width: number;
  height: number;
  format: string;
  model: string;
  vectorLength: number;
  signatureLength: number;
  pixelVectorLength: number;
}

/** What an index run leaves behind: live photo rows, search rows, and both pair graphs (by content hash). */
export interface LibrarySnapshot {
  photos: SnapshotPhoto[];
  searchPaths: string[];
  /** `model a b` → distance. */
  pairs: Record<string, number>;
  /** `a b` of the same-picture graph. */
  pixelPairs: string[];
}

export async function snapshotLibrary(db: Database): Promise<LibrarySnapshot> {
  const select = async <T>(query: string): Promise<T[]> =>
    (await (await db.client.query({ query, format: 'JSONEachRow' })).json()) as T[];
  const photos = await select<Record<string, string | number>>(
    `SELECT path, hash, size, mtime_ms, width, height, format, model, length(vector) AS vector_length,
            length(signature) AS signature_length, length(pixel_vector) AS pixel_vector_length
     FROM ${db.name}.photos FINAL ORDER BY path`,
  );
  const search = await select<{ path: string }>(
    `SELECT path FROM ${db.name}.search_vectors FINAL ORDER BY path`,
  );
  const pairs = await select<{ model: string; a: string; b: string; distance: number }>(
    `SELECT model, a, b, min(distance) AS distance FROM ${db.name}.pairs GROUP BY model, a, b`,
  );
  const pixelPairs = await select<{ a: string; b: string }>(
    `SELECT DISTINCT a, b FROM ${db.name}.pixel_pairs ORDER BY a, b`,
  );
  return {
    photos: photos.map((row) => ({
      path: String(row.path),
      hash: String(row.hash),
      size: Number(row.size),
      mtimeMs: Number(row.mtime_ms),
      width: Number(row.width),
      height: Number(row.height),
      format: String(row.format),
      model: String(row.model),
      vectorLength: Number(row.vector_length),
      signatureLength: Number(row.signature_length),
      pixelVectorLength: Number(row.pixel_vector_length),
    })),
    searchPaths: search.map((row) => row.path),
    pairs: Object.fromEntries(pairs.map((p) => [`${p.model} ${p.a} ${p.b}`, Number(p.distance)])),
    pixelPairs: pixelPairs.map((p) => `${p.a} ${p.b}`),
  };
}

/**
 * Everything wrong with a snapshot of a library that should hold exactly `files`, each read whole by
 * one model: a missing or extra row, a second row for a path, a row without its hash, size, pixels
 * or vector, a row that does not match the file on disk, a photo search cannot find, a search row
 * without its photo (allowed when `interrupted`: the state a stopped run leaves). Empty when sound.
 */
export async function libraryProblems(
  snapshot: LibrarySnapshot,
  files: string[],
  options: { interrupted?: boolean } = {},
): Promise<string[]> {
  const problems: string[] = [];
  const paths = snapshot.photos.map((photo) => photo.path);
  const expected = new Set(files);
  const seen = new Set<string>();
  for (const path of paths) {
    if (seen.has(path)) problems.push(`two rows for ${path}`);
    seen.add(path);
    if (!expected.has(path)) problems.push(`a row for ${path}, which is not a library file`);
  }
  for (const file of files) if (!seen.has(file)) problems.push(`no row for ${file}`);
  const models = new Set(snapshot.photos.map((photo) => photo.model));
  const vectorLengths = new Set(snapshot.photos.map((photo) => photo.vectorLength));
  if (models.size > 1) problems.push(`rows of several models: ${[...models].join(', ')}`);
  if (vectorLengths.size > 1) problems.push(`vectors of several lengths: ${[...vectorLengths].join(', ')}`);
  for (const photo of snapshot.photos) {
    const missing = [
      photo.hash === '' && 'hash',
      photo.width === 0 && 'width',
      photo.height === 0 && 'height',
      photo.format === '' && 'format',
      photo.model === '' && 'model',
      photo.vectorLength === 0 && 'vector',
      photo.signatureLength === 0 && 'signature',
      photo.pixelVectorLength === 0 && 'pixel vector',
    ].filter(Boolean);
    if (missing.length > 0) problems.push(`${photo.path} has no ${missing.join(', ')}`);
    const onDisk = await stat(photo.path).catch(() => null);
    if (onDisk && (onDisk.size !== photo.size || Math.abs(onDisk.mtimeMs - photo.mtimeMs) >= 1))
      problems.push(`${photo.path}: the row's size or time is not the file's`);
  }
  const searchable = new Set(snapshot.searchPaths);
  for (const path of paths) if (!searchable.has(path)) problems.push(`${path} is missing from search`);
  // A batch goes into search first, then photos (PhotoStore.insert): a run stopped in between leaves
  // search rows ahead of their photos, which the sync on the next open completes. Only then is one a fault.
  if (!options.interrupted)
    for (const path of snapshot.searchPaths)
      if (!seen.has(path)) problems.push(`search still finds ${path}, which has no photo row`);
  return problems;
}

/**
 * How two libraries' pair graphs differ: a pair one has and the other lacks, or a distance that moved
 * (by more than onnxruntime's rounding between batch sizes). Empty when they hold the same pairs.
 */
export function pairDifferences(
  actual: LibrarySnapshot,
  expected: LibrarySnapshot,
  tolerance = 1e-4,
): string[] {
  const differences: string[] = [];
  for (const [key, distance] of Object.entries(expected.pairs)) {
    const found = actual.pairs[key];
    if (found === undefined) differences.push(`missing pair ${key}`);
    else if (Math.abs(found - distance) > tolerance)
      differences.push(`pair ${key} at ${found}, not ${distance}`);
  }
  for (const key of Object.keys(actual.pairs))
    if (!(key in expected.pairs)) differences.push(`extra pair ${key}`);
  const pixel = new Set(actual.pixelPairs);
  for (const key of expected.pixelPairs)
    if (!pixel.has(key)) differences.push(`missing same-picture pair ${key}`);
  const expectedPixel = new Set(expected.pixelPairs);
  for (const key of actual.pixelPairs)
    if (!expectedPixel.has(key)) differences.push(`extra same-picture pair ${key}`);
  return differences;
}
