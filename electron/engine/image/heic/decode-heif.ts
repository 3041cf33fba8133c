import { fileBrands } from '../bmff-boxes';
import { readHeifExif } from './heif-exif';
import { HeifWorkerError, decodeHeifOnWorker } from './heif-worker-pool';

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
 * Decode the primary image of a HEIC file (on a worker thread). libheif applies the irot/imir transforms,
 * which HEIF makes the authority on orientation; the EXIF Orientation tag an iPhone also writes describes the
 * same turn, so it is NOT applied again (that would turn portraits sideways twice).
 */
export async function decodeHeif(bytes: Buffer, maxPixels: number): Promise<DecodedHeif> {
  try {
    const pixels = await decodeHeifOnWorker(bytes, maxPixels);
    return { ...pixels, exif: readHeifExif(bytes) };
  } catch (error) {
    if (error instanceof HeifWorkerError && error.tooLarge)
      throw new Error('Input image exceeds pixel limit', { cause: error });
    throw new HeifDecodeError((error as Error).message, { cause: error });
  }
}
