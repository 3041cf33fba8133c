import { realpath } from 'node:fs/promises';
import { openRegularFile, UnsafeFileError, type OpenedFile } from '../platform/safe-file';
import { HeifDecodeError } from './heic/decode-heif';
import { MAX_INPUT_PIXELS, openPhotoSource } from './photo-source';
import { RawDecodeError } from './raw/raw-preview';

export { MAX_INPUT_PIXELS };

export interface PhotoHeader {
  width: number;
  height: number;
  format: string;
  takenAt: string | null;
}

export interface DecodedPhoto extends PhotoHeader {
  /** sRGB, 3 channels, upright (EXIF orientation applied), shortest side `shortSide`, interleaved bytes. */
  rgb: Buffer;
  rgbWidth: number;
  rgbHeight: number;
}

export class PhotoDecodeError extends Error {
  override name = 'PhotoDecodeError';
}

/**
 * Decode a photo once, small: libvips shrinks JPEG and WebP while decoding, so a 12-megapixel JPEG never
 * exists at full size in memory. Everything downstream (CLIP tensor, perceptual signature) reads this buffer.
 * A path is opened here (a link the caller named is followed, but only to a regular file); an opened file
 * stays its caller's to close. `bytes`: the opened file's whole content, when the caller has read it
 * already (to hash it), so it is not read twice.
 */
export async function decodePhoto(
  input: string | Buffer | OpenedFile,
  shortSide: number,
  bytes?: Buffer,
): Promise<DecodedPhoto> {
  if (typeof input !== 'string')
    return decodeOpened(bytes && !Buffer.isBuffer(input) ? { file: input, bytes } : input, shortSide);
  let file: OpenedFile;
  try {
    file = await openRegularFile(await realpath(input));
  } catch (error) {
    throw new PhotoDecodeError(describeDecodeFailure(error));
  }
  try {
    return await decodeOpened(file, shortSide);
  } finally {
    await file.close();
  }
}

async function decodeOpened(
  input: Buffer | OpenedFile | { file: OpenedFile; bytes: Buffer },
  shortSide: number,
): Promise<DecodedPhoto> {
  try {
    return await decodeOnce(input, shortSide);
  } catch (error) {
    // libvips keeps one error buffer for all its threads: a decode failing beside another one can lose its
    // reason (sharp then says "Unknown error"). Failures are rare, so one more try alone is cheap, and it
    // gives the photographer the real reason (and the same one on every run).
    if (!(error instanceof PhotoDecodeError) || error.message !== NO_REASON) throw error;
    return decodeOnce(input, shortSide);
  }
}

async function decodeOnce(
  input: Buffer | OpenedFile | { file: OpenedFile; bytes: Buffer },
  shortSide: number,
): Promise<DecodedPhoto> {
  try {
    const { image, width, height, format, takenAt } = await openPhotoSource(input);
    const { data, info } = await image
      .flatten({ background: '#ffffff' })
      .resize(shortSide, shortSide, { fit: 'outside', kernel: 'cubic', withoutEnlargement: false })
      .toColourspace('srgb')
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new PhotoDecodeError(`unexpected ${info.channels}-channel decode`);
    return {
      width,
      height,
      format,
      takenAt,
      rgb: data,
      rgbWidth: info.width,
      rgbHeight: info.height,
    };
  } catch (error) {
    throw new PhotoDecodeError(describeDecodeFailure(error));
  }
}

/** What a decode failure says when the decoder gave no reason at all. */
const NO_REASON = 'damaged, truncated, or not an image Doppel can read (the decoder gave no reason)';

/** sharp's messages name libvips internals; say what happened in a photographer's words. */
export function describeDecodeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/^\s*(unknown error)?\s*$/i.test(message)) return NO_REASON;
  if (
    error instanceof PhotoDecodeError ||
    error instanceof RawDecodeError ||
    error instanceof HeifDecodeError ||
    error instanceof UnsafeFileError
  )
    return message;
  if (/pixel limit/i.test(message))
    return `image is too large to open safely (over ${MAX_INPUT_PIXELS / 1e6} megapixels)`;
  if (
    /unsupported image format|Input file contains unsupported|Input buffer contains unsupported/i.test(
      message,
    )
  )
    return 'not an image, or a format Doppel cannot read';
  if (/premature end|truncated|corrupt|VipsJpeg|invalid|bad|unexpected end/i.test(message))
    return `damaged or truncated image (${firstLine(message)})`;
  if (/ENOENT/.test(message)) return 'file disappeared while indexing';
  if (/EACCES|EPERM/.test(message)) return 'permission denied';
  return firstLine(message);
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
