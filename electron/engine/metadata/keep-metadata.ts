import { randomUUID } from 'node:crypto';
import { lstat, open, readFile, rename, rm } from 'node:fs/promises';
import type { CarriedField, CarriedMetadata } from './xmp-fields';
import { lines, mergeXmp, readXmp, writeXmp } from './xmp-sidecar';

/** A sidecar is a few kilobytes; one claiming more is not what Doppel should rewrite. */
const MAX_SIDECAR_BYTES = 16 * 1024 * 1024;

/** Darktable's and digiKam's name for a photo's sidecar: the whole file name plus `.xmp`. */
export function sidecarPath(keeper: string): string {
  return `${keeper}.xmp`;
}

/**
 * What the copies hold that the keeper (its file and its sidecar) lacks, as the values to write: a date,
 * a position or a title the keeper has none of (from the first copy that has one), the description with
 * the copies' lines it lacks added (as Immich joins them), the
 * highest rating when the keeper has none, and keywords the keeper lacks (written as the keeper's own plus
 * the new ones, so a reader that prefers the sidecar still sees all). What the keeper has is never changed.
 */
export function metadataToCarry(
  keeper: CarriedMetadata,
  copies: CarriedMetadata[],
): { fields: CarriedMetadata; carried: CarriedField[] } {
  const fields: CarriedMetadata = {};
  const carried: CarriedField[] = [];
  for (const field of ['takenAt', 'gps', 'title'] as const) {
    if (keeper[field] !== undefined) continue;
    const from = copies.find((copy) => copy[field] !== undefined);
    if (from) {
      Object.assign(fields, { [field]: from[field] });
      carried.push(field);
    }
  }
  // Descriptions are joined as Immich joins them: the keeper's lines, then each new line of the copies.
  const own = lines(keeper.description);
  const joined = [...new Set([...own, ...copies.flatMap((copy) => lines(copy.description))])];
  if (joined.length > own.length) {
    fields.description = joined.join('\n');
    carried.push('description');
  }
  const ratings = copies
    .map((copy) => copy.rating)
    .filter((rating): rating is number => rating !== undefined);
  if (keeper.rating === undefined && ratings.length > 0) {
    fields.rating = Math.max(...ratings);
    carried.push('rating');
  }
  const ownKeywords = keeper.keywords ?? [];
  const added = [...new Set(copies.flatMap((copy) => copy.keywords ?? []))].filter(
    (keyword) => !ownKeywords.includes(keyword),
  );
  if (added.length > 0) {
    fields.keywords = [...ownKeywords, ...added];
    carried.push('keywords');
  }
  return { fields, carried };
}

/** The keeper's sidecar as it is now: its text (null when there is none) and what it holds. */
export async function readSidecar(keeper: string): Promise<{ text: string | null; fields: CarriedMetadata }> {
  const path = sidecarPath(keeper);
  const info = await lstat(path).catch(() => null);
  if (!info) return { text: null, fields: {} };
  if (!info.isFile()) throw new Error(`${path} is not a regular file, so Doppel leaves it alone`);
  if (info.size > MAX_SIDECAR_BYTES)
    throw new Error(`${path} is too large to be a sidecar Doppel can add to`);
  const text = await readFile(path, 'utf8');
  return { text, fields: readXmp(text) };
}

/**
 * Writes `fields` into the keeper's sidecar: a new one (created exclusively, so one made meanwhile is never
 * replaced), or merged into the one there (written beside it, flushed, then renamed over it, so a crash
 * leaves the old or the new sidecar whole). The photo file itself is never opened for writing.
 */
export async function writeSidecar(
  keeper: string,
  existing: string | null,
  fields: CarriedMetadata,
): Promise<string> {
  const path = sidecarPath(keeper);
  if (existing === null) {
    await writeNew(path, writeXmp(fields));
    return path;
  }
  const merged = mergeXmp(existing, fields);
  if (merged === null) throw new Error(`${path} is not an XMP sidecar Doppel can add to`);
  const temporary = `${path}.doppel-${randomUUID().slice(0, 8)}.tmp`;
  try {
    await writeNew(temporary, merged);
    // Changed since it was read (an editor saved it): try again later rather than lose that edit.
    if ((await readFile(path, 'utf8').catch(() => null)) !== existing)
      throw new Error(`${path} changed while Doppel was adding to it; try again`);
    await rename(temporary, path);
  } finally {
    await rm(temporary, { force: true });
  }
  return path;
}

async function writeNew(path: string, text: string): Promise<void> {
  const handle = await open(path, 'wx', 0o644);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface KeptMetadata {
  keeper: string;
  sidecar: string;
  fields: CarriedField[];
}

/**
 * For one keeper and the copies about to leave: reads them all, and writes what the copies have that the
 * keeper lacks into the keeper's sidecar. Null when there was nothing to carry (no sidecar is written).
 * Throws, in words, when the sidecar cannot be written: the copies must then stay.
 */
export async function keepCopiesMetadata(
  keeper: string,
  copies: string[],
  readMetadata: (path: string) => Promise<CarriedMetadata>,
): Promise<KeptMetadata | null> {
  const sidecar = await readSidecar(keeper);
  const own = await readMetadata(keeper);
  const keeperView: CarriedMetadata = {
    ...own,
    ...sidecar.fields,
    keywords: [...new Set([...(sidecar.fields.keywords ?? []), ...(own.keywords ?? [])])],
  };
  if (keeperView.keywords!.length === 0) delete keeperView.keywords;
  const { fields, carried } = metadataToCarry(keeperView, await Promise.all(copies.map(readMetadata)));
  if (carried.length === 0) return null;
  return { keeper, sidecar: await writeSidecar(keeper, sidecar.text, fields), fields: carried };
}
