import { stat } from 'node:fs/promises';
import { sharp } from './uncached-sharp';
import { isRawPath } from './raw/raw-preview';
import { PhotoDecodeError } from './decode-photo';

/**
 * The largest query photo decoded at full size. A search only needs a CLIP-sized image (224 px), yet GIF,
 * HEIC and AVIF are decoded whole (4 bytes a pixel: an 81 KB GIF claiming 10,900 x 10,900 costs 475 MB) and
 * PNG and TIFF stream every pixel. 50 MP covers the 48 MP of a phone's full-resolution mode.
 */
export const MAX_QUERY_PIXELS = 50_000_000;

/**
 * JPEG and WebP shrink while decoding (libvips reads a 100 MP JPEG at 1/8 scale: about 4 MB), and camera
 * RAWs are read through their embedded JPEG: these keep the library's limit, so a query can be the very
 * photo a 102 MP camera took.
 */
const SHRINK_ON_LOAD_FORMATS = new Set(['jpeg', 'webp']);

/**
 * Refuse a query photo that would cost far more to decode than a search needs, from its header, before
 * anything is decoded; and anything that is not a regular file (a FIFO would hold a decode slot forever).
 * Photos whose header sharp cannot read are left to the decoder and its own limits.
 */
export async function checkQueryPhoto(path: string): Promise<void> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new PhotoDecodeError(error.code === 'ENOENT' ? 'the file does not exist' : error.message);
  });
  if (!info.isFile()) throw new PhotoDecodeError('it is not a photo file');
  if (isRawPath(path)) return;
  const header = await sharp(path, { limitInputPixels: false })
    .metadata()
    .catch(() => null);
  if (!header?.width || !header.height || !header.format) return;
  if (SHRINK_ON_LOAD_FORMATS.has(header.format)) return;
  const pixels = header.width * header.height;
  if (pixels > MAX_QUERY_PIXELS) {
    throw new PhotoDecodeError(
      `it is ${header.width} x ${header.height} (${Math.round(pixels / 1e6)} megapixels); a ${formatName(header.format)} query photo can have at most ${MAX_QUERY_PIXELS / 1e6} megapixels. Search with a JPEG or a smaller copy of it.`,
    );
  }
}

function formatName(format: string): string {
  return format === 'heif' ? 'HEIC or AVIF' : format.toUpperCase();
}
