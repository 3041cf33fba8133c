import exifReader from 'exif-reader';
import { sharp } from '../image/uncached-sharp';
import { openRegularFile } from '../platform/safe-file';
import type { CarriedMetadata } from './xmp-fields';
import { readXmp } from './xmp-sidecar';

/** Metadata blocks are small; a file claiming more is not read for them. */
const MAX_BLOCK_BYTES = 4 * 1024 * 1024;

/**
 * The carried fields a photo holds in its own file: EXIF (date, GPS, rating, description, Windows' title
 * and keywords), its embedded XMP packet, and IPTC (keywords, caption, object name). Read through sharp's
 * header parse (no pixels decoded) of the opened file. A format sharp cannot open, or a broken block, gives
 * what could be read: a photo's metadata must never stop a trash.
 */
export async function readPhotoMetadata(path: string): Promise<CarriedMetadata> {
  let file;
  try {
    file = await openRegularFile(path);
  } catch {
    return {};
  }
  try {
    const blocks = await sharp(file.readPath).metadata();
    const fromExif = blocks.exif && blocks.exif.length <= MAX_BLOCK_BYTES ? exifFields(blocks.exif) : {};
    const fromXmp =
      blocks.xmp && blocks.xmp.length <= MAX_BLOCK_BYTES ? readXmp(blocks.xmp.toString('utf8')) : {};
    const fromIptc = blocks.iptc && blocks.iptc.length <= MAX_BLOCK_BYTES ? iptcFields(blocks.iptc) : {};
    // XMP is what photo tools write today; EXIF and IPTC fill what it lacks. Keywords from all three.
    const keywords = unique([
      ...(fromXmp.keywords ?? []),
      ...(fromIptc.keywords ?? []),
      ...(fromExif.keywords ?? []),
    ]);
    return withoutEmpty({
      ...fromIptc,
      ...fromExif,
      ...fromXmp,
      ...(keywords.length > 0 ? { keywords } : {}),
    });
  } catch {
    return {};
  } finally {
    await file.close();
  }
}

function exifFields(exif: Buffer): CarriedMetadata {
  try {
    const tags = exifReader(exif);
    const fields: CarriedMetadata = {};
    const taken = tags.Photo?.DateTimeOriginal;
    // exif-reader reads the wall time as if it were UTC: toISOString gives it back unshifted.
    if (taken instanceof Date && !Number.isNaN(taken.getTime()))
      fields.takenAt = taken.toISOString().slice(0, 19);
    const gps = tags.GPSInfo;
    const latitude = degrees(gps?.GPSLatitude, gps?.GPSLatitudeRef, 'S');
    const longitude = degrees(gps?.GPSLongitude, gps?.GPSLongitudeRef, 'W');
    if (latitude !== null && longitude !== null) {
      fields.gps = { latitude, longitude };
      const altitude = gps?.GPSAltitude;
      if (typeof altitude === 'number' && Number.isFinite(altitude))
        fields.gps.altitude = gps?.GPSAltitudeRef === 1 ? -altitude : altitude;
    }
    const rating = tags.Image?.Rating;
    if (typeof rating === 'number' && rating >= -1 && rating <= 5) fields.rating = rating;
    const description = tags.Image?.ImageDescription;
    if (typeof description === 'string' && description.trim()) fields.description = description.trim();
    const title = windowsText(tags.Image?.XPTitle);
    if (title) fields.title = title;
    const keywords = windowsText(tags.Image?.XPKeywords);
    if (keywords)
      fields.keywords = keywords
        .split(';')
        .map((k) => k.trim())
        .filter(Boolean);
    return fields;
  } catch {
    return {};
  }
}

function degrees(value: unknown, ref: unknown, negative: string): number | null {
  if (!Array.isArray(value) || value.length < 1 || !value.every((part) => typeof part === 'number'))
    return null;
  const [d, m = 0, s = 0] = value as number[];
  const result = d! + m / 60 + s / 3600;
  if (!Number.isFinite(result)) return null;
  return typeof ref === 'string' && ref.trim().toUpperCase() === negative ? -result : result;
}

/** Windows' XP* tags: UCS-2 little-endian bytes (exif-reader gives them as a byte array or a Buffer). */
function windowsText(value: unknown): string | null {
  const bytes = Buffer.isBuffer(value) ? value : Array.isArray(value) ? Buffer.from(value as number[]) : null;
  if (!bytes || bytes.length < 2) return null;
  const text = bytes
    .subarray(0, bytes.length - (bytes.length % 2))
    .toString('utf16le')
    .replace(/\0+$/, '')
    .trim();
  return text || null;
}

/**
 * IPTC-IIM records (as sharp gives them: the bare 0x1C-tagged datasets, or inside Photoshop's 8BIM
 * resource): 2:05 object name (a title), 2:25 keywords, 2:120 caption. Text is taken as UTF-8.
 */
export function iptcFields(iptc: Buffer): CarriedMetadata {
  const fields: CarriedMetadata = {};
  const keywords: string[] = [];
  for (let at = iptc.indexOf(0x1c); at >= 0 && at + 5 <= iptc.length;) {
    const record = iptc[at + 1]!;
    const dataset = iptc[at + 2]!;
    const length = iptc.readUInt16BE(at + 3);
    if (length & 0x8000) break; // extended lengths are for blobs, never for these text fields
    const start = at + 5;
    if (start + length > iptc.length) break;
    if (record === 2) {
      const text = iptc
        .subarray(start, start + length)
        .toString('utf8')
        .trim();
      if (text && dataset === 25) keywords.push(text);
      if (text && dataset === 120) fields.description ??= text;
      if (text && dataset === 5) fields.title ??= text;
    }
    at = iptc[start + length] === 0x1c ? start + length : iptc.indexOf(0x1c, start + length);
  }
  if (keywords.length > 0) fields.keywords = keywords;
  return fields;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function withoutEmpty(fields: CarriedMetadata): CarriedMetadata {
  const result: CarriedMetadata = {};
  for (const [key, value] of Object.entries(fields))
    if (value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0))
      Object.assign(result, { [key]: value });
  return result;
}
