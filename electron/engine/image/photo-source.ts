import { extname } from 'node:path';
import type { Sharp } from 'sharp';
import { sharp } from './uncached-sharp';
import { readChunk, readOpenedFile, type OpenedFile } from '../platform/safe-file';
import { readCaptureDate } from './capture-date';
import { decodeHeif, isHeic } from './heic/decode-heif';
import { applyOrientation, isQuarterTurn } from './orientation';
import { extractRawPreview, isRawPath } from './raw/raw-preview';

/**
 * Refuse decompression bombs before decoding. 300 megapixels: medium-format cameras (Fujifilm GFX100,
 * Hasselblad X2D: 100-102 MP) and stitched panoramas. Memory stays bounded at that size because JPEG and
 * WebP shrink while decoding and PNG and TIFF stream through the resize (sharp reads sequentially).
 */
export const MAX_INPUT_PIXELS = 300_000_000;

/**
 * Formats decoded whole at full size before any resize (HEIC and AVIF through libheif, GIF): 4 bytes a pixel,
 * several photos at once while indexing, so a lower cap. 120 MP still covers the GFX100's 102 MP HEIF.
 */
export const MAX_FULL_DECODE_PIXELS = 120_000_000;

const FULL_DECODE_FORMATS = new Set(['heif', 'gif']);

/** HEIC is decoded from memory: iPhone photos are a few MB; past this it is not a photo. */
export const MAX_IN_MEMORY_BYTES = 256 * 1024 * 1024;

function tooLarge(limit: number): Error {
  return new Error(`image is too large to open safely (over ${limit / 1e6} megapixels)`);
}

/** A photo opened for decoding: `image` is already upright; the rest is what the library records. */
export interface PhotoSource {
  image: Sharp;
  width: number;
  height: number;
  format: string;
  takenAt: string | null;
}

/**
 * Past this a photo is decoded from its descriptor's name rather than from memory: several photos decode at
 * once, and a photo this large (an uncompressed panorama TIFF or PNG) is one libvips streams through.
 */
export const MAX_DECODE_FROM_MEMORY_BYTES = 64 * 1024 * 1024;

/**
 * What sharp reads an opened photo from: its bytes, read through the checked descriptor. Not its
 * `/proc/self/fd/N` name: libvips keys decodes by the name it is given, and sharp.cache(false) only trims
 * its operation cache, keeping an operation that is still in use when a trim runs until the next one, which
 * comes after the next lookup. The number N is handed out again as soon as a photo is closed, so under load
 * (a batch's decodes overlapping) a photo could be given the previous holder's decode: its pixels, vector
 * and same-picture pairs (seen in the kill test: an edited WebP stored another WebP's pixels). Bytes have no
 * name to collide on. Only photos too large to hold in memory several at a time still go by the name.
 */
async function decodableSource(file: OpenedFile): Promise<string | Buffer> {
  if (file.size > MAX_DECODE_FROM_MEMORY_BYTES) return file.readPath;
  return readOpenedFile(file, MAX_DECODE_FROM_MEMORY_BYTES);
}

const SHARP_OPTIONS = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', animated: false } as const;

/**
 * Open any supported photo: camera RAWs through their embedded preview, HEIC through libheif (WASM), and
 * everything else through sharp (JPEG, PNG, WebP, AVIF, GIF, TIFF; animations give their first frame).
 * A file comes opened and checked (openRegularFile) and must stay open until `image` has been read: every
 * reader goes through its `readPath`, never through a path that could be swapped meanwhile.
 */
export async function openPhotoSource(
  input: OpenedFile | Buffer | { file: OpenedFile; bytes: Buffer },
): Promise<PhotoSource> {
  // An opened file whose bytes the caller already read (to hash them): decoded from those bytes.
  if (!Buffer.isBuffer(input) && 'bytes' in input && !isRawPath(input.file.path))
    return openPhotoSource(input.bytes);
  if (!Buffer.isBuffer(input) && 'bytes' in input) return openPhotoSource(input.file);
  const file = Buffer.isBuffer(input) ? null : input;
  if (file && isRawPath(file.path)) return openRaw(file.readPath, extname(file.path).slice(1).toLowerCase());
  const head = file ? await readChunk(file, Buffer.alloc(64), 0) : (input as Buffer).subarray(0, 64);
  if (isHeic(head))
    return openHeic(file ? await readOpenedFile(file, MAX_IN_MEMORY_BYTES) : (input as Buffer));
  const source = file ? await decodableSource(file) : (input as Buffer);
  const rawFormat = sniffRawFormat(head);
  if (rawFormat) return openRaw(source, rawFormat); // an uploaded query photo has no file name
  const image = sharp(source, SHARP_OPTIONS);
  const meta = await image.metadata();
  if (!meta.width || !meta.height || !meta.format)
    throw new Error('Input file contains unsupported image format');
  if (FULL_DECODE_FORMATS.has(meta.format) && meta.width * meta.height > MAX_FULL_DECODE_PIXELS)
    throw tooLarge(MAX_FULL_DECODE_PIXELS);
  const turned = isQuarterTurn(meta.orientation ?? 1);
  return {
    image: image.rotate(),
    width: turned ? meta.height : meta.width,
    height: turned ? meta.width : meta.height,
    format: meta.format,
    takenAt: readCaptureDate(meta.exif),
  };
}

async function openHeic(bytes: Buffer): Promise<PhotoSource> {
  const heif = await decodeHeif(bytes, MAX_FULL_DECODE_PIXELS).catch((error: unknown) => {
    throw /pixel limit/i.test((error as Error).message) ? tooLarge(MAX_FULL_DECODE_PIXELS) : error;
  });
  return {
    image: sharp(heif.rgba, { raw: { width: heif.width, height: heif.height, channels: 4 } }),
    width: heif.width,
    height: heif.height,
    format: 'heic',
    takenAt: readCaptureDate(heif.exif),
  };
}

async function openRaw(input: string | Buffer, format: string): Promise<PhotoSource> {
  const preview = await extractRawPreview(input);
  const image = sharp(preview.jpeg, SHARP_OPTIONS);
  const meta = await image.metadata();
  if (!meta.width || !meta.height) throw new Error('Input buffer contains unsupported image format');
  // The RAW's own Orientation tag rules: previews usually carry none (or a stale one), so never auto-rotate
  // from the preview unless the container has no orientation of its own (RAF).
  const orientation = preview.orientation ?? meta.orientation ?? 1;
  const storedWidth = preview.width ?? meta.width;
  const storedHeight = preview.height ?? meta.height;
  const turned = isQuarterTurn(orientation);
  return {
    image: applyOrientation(image, orientation),
    width: turned ? storedHeight : storedWidth,
    height: turned ? storedWidth : storedHeight,
    format,
    takenAt: preview.takenAt ?? readCaptureDate(meta.exif),
  };
}

/** RAWs whose first bytes say so (the TIFF-based NEF, ARW and DNG look like any TIFF and need their name). */
function sniffRawFormat(head: Buffer): string | null {
  if (head.toString('latin1', 0, 15) === 'FUJIFILMCCD-RAW') return 'raf';
  if (head.toString('latin1', 4, 12) === 'ftypcrx ') return 'cr3';
  if (head.toString('latin1', 0, 4) === 'II*\0' && head.toString('latin1', 8, 10) === 'CR') return 'cr2';
  if (['IIRO', 'IIRS', 'MMOR'].includes(head.toString('latin1', 0, 4))) return 'orf';
  return null;
}
