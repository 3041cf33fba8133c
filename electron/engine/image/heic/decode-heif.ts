import { fileBrands } from '../bmff-boxes';
import { readHeifExif } from './heif-exif';

/** The slice of libheif-js's embind API Doppel uses (the package ships no types for it). */
interface HeifError {
  code: unknown;
  message?: string;
}
interface HeifChannel {
  id: number;
  width: number;
  height: number;
  stride: number;
  data: Uint8Array;
}
/** An embind pointer wrapper. */
type ImageHandle = object;
type HeifContext = object;
interface LibHeif {
  ready: Promise<void>;
  heif_context_alloc(): HeifContext | null;
  heif_context_free(context: HeifContext): void;
  heif_context_read_from_memory(context: HeifContext, bytes: Uint8Array): HeifError;
  heif_js_context_get_primary_image_handle(context: HeifContext): ImageHandle | HeifError | null;
  heif_image_handle_get_width(handle: ImageHandle): number;
  heif_image_handle_get_height(handle: ImageHandle): number;
  heif_image_handle_release(handle: ImageHandle): void;
  heif_js_decode_image2(
    handle: ImageHandle,
    colorspace: number,
    chroma: number,
  ): { channels: HeifChannel[]; image: number } | HeifError | null;
  heif_image_release(image: number): void;
  heif_error_code: { heif_error_Ok: unknown };
  heif_colorspace: { heif_colorspace_RGB: number };
  heif_chroma: { heif_chroma_interleaved_RGBA: number };
  heif_channel: { heif_channel_interleaved: number };
}

let libheif: LibHeif | null = null;

/** Loaded on the first HEIC: the WASM build of libheif + libde265 is 2 MB that JPEG-only libraries never need. */
async function loadLibHeif(): Promise<LibHeif> {
  if (!libheif) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const factory = require('libheif-js/wasm-bundle') as LibHeif;
    await factory.ready;
    libheif = factory;
  }
  return libheif;
}

/** HEIF brands whose images are HEVC-coded (iPhone .heic, HEIF sequences): AVIF is left to sharp. */
const HEVC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);

/** True for HEIC (HEVC in HEIF), which sharp's prebuilt libvips cannot decode. */
export function isHeic(bytes: Buffer): boolean {
  const brands = fileBrands(bytes);
  if (!brands) return false;
  if (brands.some((brand) => HEVC_BRANDS.has(brand))) return true;
  // A plain 'mif1' file with no AV1 brand is HEVC in practice (some Samsung and Android cameras).
  return brands.includes('mif1') && !brands.some((brand) => brand === 'avif' || brand === 'avis');
}

export interface DecodedHeif {
  /** Upright (irot/imir applied by libheif) RGBA pixels. */
  rgba: Buffer;
  width: number;
  height: number;
  exif: Buffer | undefined;
}

export class HeifDecodeError extends Error {
  override name = 'HeifDecodeError';
}

/**
 * Decode the primary image of a HEIC file. libheif applies the irot/imir transforms, which HEIF makes the
 * authority on orientation; the EXIF Orientation tag an iPhone also writes describes the same turn, so it is
 * NOT applied again (that would turn portraits sideways twice).
 */
export async function decodeHeif(bytes: Buffer, maxPixels: number): Promise<DecodedHeif> {
  const heif = await loadLibHeif();
  const context = heif.heif_context_alloc();
  if (!context) throw new HeifDecodeError('out of memory opening the HEIC file');
  let handle: ImageHandle | null = null;
  try {
    const read = heif.heif_context_read_from_memory(context, bytes);
    if (read.code !== heif.heif_error_code.heif_error_Ok)
      throw new HeifDecodeError(`damaged or unsupported HEIC file (${read.message ?? 'unreadable'})`);
    const primary = heif.heif_js_context_get_primary_image_handle(context);
    if (!primary || 'code' in primary) throw new HeifDecodeError('HEIC file has no picture in it');
    handle = primary;
    const width = heif.heif_image_handle_get_width(handle);
    const height = heif.heif_image_handle_get_height(handle);
    if (width * height > maxPixels) throw new Error('Input image exceeds pixel limit');
    const decoded = heif.heif_js_decode_image2(
      handle,
      heif.heif_colorspace.heif_colorspace_RGB,
      heif.heif_chroma.heif_chroma_interleaved_RGBA,
    );
    if (!decoded || !('channels' in decoded))
      throw new HeifDecodeError(
        `damaged HEIC picture (${(decoded as HeifError | null)?.message ?? 'no pixels'})`,
      );
    try {
      const channel = decoded.channels.find((c) => c.id === heif.heif_channel.heif_channel_interleaved);
      if (!channel) throw new HeifDecodeError('damaged HEIC picture (no colour data)');
      const rgba = Buffer.alloc(channel.width * channel.height * 4);
      const row = channel.width * 4;
      for (let y = 0; y < channel.height; y++)
        rgba.set(channel.data.subarray(y * channel.stride, y * channel.stride + row), y * row);
      return { rgba, width: channel.width, height: channel.height, exif: readHeifExif(bytes) };
    } finally {
      heif.heif_image_release(decoded.image);
    }
  } finally {
    if (handle) heif.heif_image_handle_release(handle);
    heif.heif_context_free(context);
  }
}
