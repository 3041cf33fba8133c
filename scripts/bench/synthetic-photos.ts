import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { photoLikePixels } from '../../electron/engine/testing/photo-fixtures';
import { seededRandom } from '../../electron/engine/testing/seeded-random';

export const PHOTO_WIDTH = 4000;
export const PHOTO_HEIGHT = 3000;

/**
 * `count` distinct 12-megapixel JPEGs in `dir`, generated once and reused: a photo-like scene (gradient sky,
 * soft blobs) upscaled to 4000x3000 with per-pixel sensor noise, so the files are as large and as costly to
 * decode as camera JPEGs (about 2 MB each at quality 90), not flat images that compress to nothing.
 */
export async function ensurePhotos(dir: string, count: number): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, `IMG_${String(i).padStart(4, '0')}.jpg`);
    files.push(file);
    if (existsSync(file)) continue;
    const small = photoLikePixels(1000 + i, 640, 480);
    const { data } = await sharp(small, { raw: { width: 640, height: 480, channels: 3 } })
      .resize(PHOTO_WIDTH, PHOTO_HEIGHT, { kernel: 'cubic' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const random = seededRandom(5000 + i);
    for (let p = 0; p < data.length; p += 3) {
      const noise = (random() - 0.5) * 12;
      for (let c = 0; c < 3; c++) data[p + c] = Math.max(0, Math.min(255, data[p + c]! + noise));
    }
    // Write then rename: an interrupted run never leaves a truncated photo in the cache.
    await sharp(data, { raw: { width: PHOTO_WIDTH, height: PHOTO_HEIGHT, channels: 3 } })
      .jpeg({ quality: 90 })
      .toFile(`${file}.partial`);
    renameSync(`${file}.partial`, file);
  }
  // One listing for all: a listing per photo made the check quadratic (10k photos, 10k listings of 10k names).
  const present = new Set(readdirSync(dir));
  return files.filter((file) => present.has(path.basename(file)));
}
