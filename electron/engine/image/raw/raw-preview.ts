import { extname } from 'node:path';
import { RAW_EXTENSIONS as RAW_FILE_EXTENSIONS } from '../../../../shared/duplicates/raw-jpeg-twins';
import { readBoxes } from '../bmff-boxes';
import { bufferAccess, fileAccess, type RandomAccess } from './random-access';
import { isDecodablePreview, readJpegShape, scanForJpegs } from './jpeg-markers';
import { olympusPreview } from './olympus-maker-note';
import { TAG, exifDateToIso, readTiff, tagNumber, tagText, type TiffFile } from './tiff-walk';

/** Camera RAW endings indexed through their embedded JPEG preview. */
export const RAW_EXTENSIONS = new Set(RAW_FILE_EXTENSIONS);

export function isRawPath(path: string): boolean {
  return RAW_EXTENSIONS.has(extname(path).toLowerCase());
}

export interface RawPreview {
  /** The largest decodable JPEG the camera embedded. */
  jpeg: Buffer;
  /** EXIF numbering (1-8); null: take it from the preview's own EXIF (RAF previews carry it). */
  orientation: number | null;
  takenAt: string | null;
  /** Stored (sensor) size, before orientation, when the RAW states it; else null. */
  width: number | null;
  height: number | null;
  /**
   * How the preview was found: `structure` (the file's own tags, boxes or header said where) or `scan` (the
   * fallback that reads the whole file looking for JPEGs). Tests use it to know which path they exercised.
   */
  foundBy: PreviewSource;
}

export type PreviewSource = 'structure' | 'scan';

export class RawDecodeError extends Error {
  override name = 'RawDecodeError';
}

/** Previews are a few MB; past this a "preview" is a corrupt length. */
const MAX_PREVIEW_BYTES = 64 * 1024 * 1024;
/** The fallback scan reads the whole file: only for files that fit comfortably in memory. */
const MAX_SCAN_BYTES = 256 * 1024 * 1024;

interface Candidate {
  offset: number;
  length: number;
}

/** The embedded preview, orientation, capture date and sensor size of a camera RAW file. */
export async function extractRawPreview(input: string | Buffer): Promise<RawPreview> {
  const file = typeof input === 'string' ? await fileAccess(input) : bufferAccess(input);
  try {
    const head = await file.read(0, 96);
    if (head.toString('latin1', 0, 15) === 'FUJIFILMCCD-RAW') return await rafPreview(file, head);
    if (head.toString('latin1', 4, 8) === 'ftyp' && head.toString('latin1', 8, 12) === 'crx ')
      return await cr3Preview(file);
    const tiff = await readTiff(file);
    if (tiff) return await tiffPreview(file, tiff);
    throw new RawDecodeError('not a camera RAW file Doppel can read (unknown layout)');
  } finally {
    await file.close();
  }
}

/**
 * CR2, NEF, ARW, DNG, ORF: previews are JPEGInterchangeFormat blocks or JPEG-compressed strips (ORF: in the
 * Olympus maker note).
 */
async function tiffPreview(file: RandomAccess, tiff: TiffFile): Promise<RawPreview> {
  const candidates: Candidate[] = [];
  let width: number | null = null;
  let height: number | null = null;
  for (const ifd of tiff.ifds) {
    const jpegOffset = tagNumber(ifd, TAG.JpegOffset);
    const jpegLength = tagNumber(ifd, TAG.JpegLength);
    if (jpegOffset && jpegLength) candidates.push({ offset: jpegOffset, length: jpegLength });
    const compression = tagNumber(ifd, TAG.Compression);
    const strips = ifd.entries.get(TAG.StripOffsets)?.values ?? [];
    const counts = ifd.entries.get(TAG.StripByteCounts)?.values ?? [];
    if ((compression === 6 || compression === 7) && strips.length === 1 && counts.length === 1)
      candidates.push({ offset: strips[0]!, length: counts[0]! });
    // The full-resolution raw image (NewSubfileType 0, not a JPEG preview) states the sensor size.
    const isMain = (tagNumber(ifd, TAG.NewSubfileType) ?? 0) === 0;
    const w = tagNumber(ifd, TAG.ImageWidth);
    const h = tagNumber(ifd, TAG.ImageLength);
    if (isMain && w && h && compression !== 6 && w * h > (width ?? 0) * (height ?? 0)) {
      width = w;
      height = h;
    }
  }
  // Olympus keeps its full preview in the maker note, out of the IFDs' sight.
  const olympus = await olympusPreview(file, tiff);
  if (olympus) candidates.push(olympus);
  const { jpeg, foundBy } = await bestPreview(file, candidates);
  const orientation = tagNumber(tiff.first, TAG.Orientation) ?? 1;
  const takenAt =
    exifDateToIso(tagText(tiff.exif, TAG.DateTimeOriginal)) ??
    exifDateToIso(tagText(tiff.first, TAG.DateTime));
  return {
    jpeg,
    orientation: orientation >= 1 && orientation <= 8 ? orientation : 1,
    takenAt,
    width,
    height,
    foundBy,
  };
}

/** Fujifilm RAF: a fixed big-endian header gives the preview's offset and length at bytes 84 and 88. */
async function rafPreview(file: RandomAccess, head: Buffer): Promise<RawPreview> {
  if (head.length < 92) throw new RawDecodeError('damaged RAF file (header cut short)');
  const preview = await largestPreview(file, [
    { offset: head.readUInt32BE(84), length: head.readUInt32BE(88) },
  ]);
  const jpeg = preview?.bytes;
  if (!jpeg) throw new RawDecodeError('damaged RAF file (its preview picture is missing or unreadable)');
  // The RAF preview is a complete camera JPEG: its own EXIF holds the orientation and capture date.
  return { jpeg, orientation: null, takenAt: null, width: null, height: null, foundBy: 'structure' };
}

/** Canon's ISO BMFF container: uuid boxes hold CMT1 (TIFF IFD0), CMT2 (EXIF), THMB, and PRVW the preview. */
async function cr3Preview(file: RandomAccess): Promise<RawPreview> {
  const candidates: Candidate[] = [];
  let tiff: TiffFile | null = null;
  let exif: TiffFile | null = null;
  const top = await readTopLevelBoxes(file);
  for (const box of top) {
    if (box.type !== 'moov' && box.type !== 'uuid') continue;
    if (box.end - box.start > MAX_PREVIEW_BYTES) continue; // the mdat-sized boxes hold sensor data
    const bytes = await file.read(box.start, box.end - box.start);
    const visit = async (from: number, to: number, depth: number): Promise<void> => {
      for (const child of readBoxes(bytes, from, to)) {
        const payload = bytes.subarray(child.start, child.end);
        if (child.type === 'CMT1') tiff = await readTiff(bufferAccess(payload));
        else if (child.type === 'CMT2') exif = await readTiff(bufferAccess(payload));
        else if (child.type === 'PRVW' || child.type === 'THMB') {
          const soi = payload.indexOf(Buffer.from([0xff, 0xd8, 0xff]));
          if (soi >= 0)
            candidates.push({ offset: box.start + child.start + soi, length: payload.length - soi });
        } else if (depth < 4 && (child.type === 'uuid' || child.type === 'trak' || child.type === 'moov'))
          await visit(child.start + uuidHeaderLength(bytes, child), child.end, depth + 1);
      }
    };
    await visit(
      box.type === 'uuid' ? uuidHeaderLength(bytes, { type: 'uuid', start: 0 }) : 0,
      bytes.length,
      0,
    );
  }
  const { jpeg, foundBy } = await bestPreview(file, candidates);
  const ifd0 = (tiff as TiffFile | null)?.first;
  const exifIfd = (exif as TiffFile | null)?.first;
  const orientation = tagNumber(ifd0, TAG.Orientation) ?? 1;
  return {
    jpeg,
    orientation: orientation >= 1 && orientation <= 8 ? orientation : 1,
    takenAt:
      exifDateToIso(tagText(exifIfd, TAG.DateTimeOriginal)) ?? exifDateToIso(tagText(ifd0, TAG.DateTime)),
    width: tagNumber(ifd0, TAG.ImageWidth) ?? null,
    height: tagNumber(ifd0, TAG.ImageLength) ?? null,
    foundBy,
  };
}

/** Canon's preview uuid box: its PRVW box follows the 16-byte uuid and 8 more bytes. */
const CANON_PREVIEW_UUID = 'eaf42b5e1c984b88b9fbb7dc406e4d16';

/** Bytes before a box's children: a uuid box's 16-byte uuid (and the preview box's 8 extra bytes). */
function uuidHeaderLength(bytes: Buffer, box: { type: string; start: number }): number {
  if (box.type !== 'uuid') return 0;
  const uuid = bytes.toString('hex', box.start, box.start + 16);
  return uuid === CANON_PREVIEW_UUID ? 24 : 16;
}

async function readTopLevelBoxes(
  file: RandomAccess,
): Promise<{ type: string; start: number; end: number }[]> {
  const boxes = [];
  for (let offset = 0; offset + 8 <= file.size && boxes.length < 64;) {
    const header = await file.read(offset, 16);
    const declared = header.readUInt32BE(0);
    const size =
      declared === 0 ? file.size - offset : declared === 1 ? Number(header.readBigUInt64BE(8)) : declared;
    if (size < 8 || offset + size > file.size) break;
    boxes.push({
      type: header.toString('latin1', 4, 8),
      start: offset + (declared === 1 ? 16 : 8),
      end: offset + size,
    });
    offset += size;
  }
  return boxes;
}

/**
 * The largest structural candidate; when that is only a thumbnail (or missing), the largest JPEG found by
 * scanning the file, which is where maker-note previews Doppel does not read (some Sony and Nikon models) live.
 */
async function bestPreview(
  file: RandomAccess,
  candidates: Candidate[],
): Promise<{ jpeg: Buffer; foundBy: PreviewSource }> {
  const structural = await largestPreview(file, candidates);
  const fromStructure = (found: { bytes: Buffer }) => ({ jpeg: found.bytes, foundBy: 'structure' as const });
  if (structural && Math.max(structural.width, structural.height) >= THUMBNAIL_EDGE)
    return fromStructure(structural);
  const scanned = await scannedPreview(file).catch((error: unknown) => {
    if (structural) return null;
    throw error;
  });
  if (!scanned) return fromStructure(structural!);
  return !structural || scanned.pixels > structural.width * structural.height
    ? { jpeg: scanned.bytes, foundBy: 'scan' }
    : fromStructure(structural);
}

/** Previews with a long side under this are thumbnails: worth a look for something larger. */
const THUMBNAIL_EDGE = 640;

/** The largest candidate (by pixels, then bytes) that really is a decodable JPEG. */
async function largestPreview(
  file: RandomAccess,
  candidates: Candidate[],
): Promise<{ bytes: Buffer; width: number; height: number } | null> {
  let best: { candidate: Candidate; pixels: number; width: number; height: number } | null = null;
  for (const candidate of candidates) {
    if (candidate.offset <= 0 || candidate.length < 64 || candidate.length > MAX_PREVIEW_BYTES) continue;
    if (candidate.offset + candidate.length > file.size) continue;
    const head = await file.read(candidate.offset, Math.min(candidate.length, 256 * 1024));
    const shape = readJpegShape(head);
    if (!isDecodablePreview(shape)) continue; // lossless JPEG = the sensor data, not a picture
    const pixels = shape.width * shape.height;
    if (!best || pixels > best.pixels || (pixels === best.pixels && candidate.length > best.candidate.length))
      best = { candidate, pixels, width: shape.width, height: shape.height };
  }
  if (!best) return null;
  return {
    bytes: await file.read(best.candidate.offset, best.candidate.length),
    width: best.width,
    height: best.height,
  };
}

/** Last resort (maker-note previews of other makes): the largest whole JPEG anywhere in the file. */
async function scannedPreview(file: RandomAccess): Promise<{ bytes: Buffer; pixels: number }> {
  if (file.size > MAX_SCAN_BYTES)
    throw new RawDecodeError('this RAW file has no preview picture Doppel can find');
  const bytes = await file.read(0, file.size);
  const found = scanForJpegs(bytes).sort(
    (a, b) => b.shape.width * b.shape.height - a.shape.width * a.shape.height,
  )[0];
  if (!found) throw new RawDecodeError('this RAW file has no preview picture Doppel can find');
  return {
    bytes: bytes.subarray(found.offset, found.shape.end!),
    pixels: found.shape.width * found.shape.height,
  };
}
