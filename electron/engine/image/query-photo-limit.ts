import { sharp } from './uncached-sharp';
import { isRawPath } from './raw/raw-preview';
import { PhotoDecodeError } from './decode-photo';
import { readChunk, type OpenedFile } from '../platform/safe-file';

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
 * Bytes of the file's start that hold every header the check reads: PNG, GIF and WebP state their size in
 * the first bytes, TIFF and AVIF within the first few KB; a JPEG's frame header comes after its EXIF, ICC and
 * preview segments (a few hundred KB at most on phones). Past this the check gives up and the decoder's own
 * limits apply.
 */
const HEADER_BYTES = 1024 * 1024;

/**
 * Refuse a query photo that would cost far more to decode than a search needs, from its header, before
 * anything is decoded. `file` comes opened and checked (openRegularFile: a FIFO or a device never gets
 * here), and the header is read through its descriptor, never by path: a path swapped after the open (for a
 * FIFO, which would hold a search slot forever, or another file) cannot change what is checked. Photos
 * whose header sharp cannot read are left to the decoder and its own limits.
 */
export async function checkQueryPhoto(file: OpenedFile): Promise<void> {
  if (isRawPath(file.path)) return;
  const head = await readChunk(file, Buffer.alloc(Math.min(file.size, HEADER_BYTES)), 0);
  const header = await sharp(head, { limitInputPixels: false })
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
