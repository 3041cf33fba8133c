import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { photoLikePixels } from '../../electron/engine/testing/photo-fixtures';

export const PHOTO_WIDTH = 4000;
export const PHOTO_HEIGHT = 3000;

/**
 * `count` distinct 12-megapixel JPEGs in `dir`, generated once and reused (see writeSyntheticPhoto).
 */
export async function ensurePhotos(dir: string, count: number): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, `IMG_${String(i).padStart(4, '0')}.jpg`);
    files.push(file);
    if (!existsSync(file)) await writeSyntheticPhoto(file, i);
  }
  // One listing for all: a listing per photo made the check quadratic (10k photos, 10k listings of 10k names).
  const present = new Set(readdirSync(dir));
  return files.filter((file) => present.has(path.basename(file)));
}

/**
 * Photo number `index`: a photo-like scene (gradient sky, soft blobs) drawn small, upscaled to 4000x3000,
 * with per-pixel sensor noise, so the file is as large and as costly to decode as a camera JPEG (2.2-2.4 MB
 * at quality 90), not a flat image that compresses to nothing. It is written with the standard Huffman
 * tables, as cameras write them (no optimised second pass). About 0.4 s of one core: the scene is drawn at
 * 320x240, upscaled linearly to 1000x750 then by pixel repetition, and the noise is an inline xorshift
 * (drawing at 640x480, cubic upscaling, a closure-based generator and optimised Huffman coding took 1.25 s,
 * so a 10k library took about 80 minutes on 2 cores). The decoder sees the same thing either way: smooth
 * shapes under noise that dominates the entropy coding.
 */
export async function writeSyntheticPhoto(file: string, index: number): Promise<void> {
  const small = photoLikePixels(1000 + index, 320, 240);
  // Two pipelines: sharp applies only the last resize of one.
  const quarter = { width: PHOTO_WIDTH / 4, height: PHOTO_HEIGHT / 4, channels: 3 } as const;
  const smooth = await sharp(small, { raw: { width: 320, height: 240, channels: 3 } })
    .resize(quarter.width, quarter.height, { kernel: 'linear' })
    .raw()
    .toBuffer();
  const data = await sharp(smooth, { raw: quarter })
    .resize(PHOTO_WIDTH, PHOTO_HEIGHT, { kernel: 'nearest' })
    .raw()
    .toBuffer();
  const pixels = new Uint8ClampedArray(data.buffer, data.byteOffset, data.length);
  let state = (5000 + index) | 1;
  for (let p = 0; p < pixels.length; p += 3) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const noise = ((state >>> 0) / 4294967296 - 0.5) * 12;
    for (let c = 0; c < 3; c++) pixels[p + c] = pixels[p + c]! + noise;
  }
  // Write then rename: an interrupted run never leaves a truncated photo in the cache.
  await sharp(data, { raw: { width: PHOTO_WIDTH, height: PHOTO_HEIGHT, channels: 3 } })
    .jpeg({ quality: 90, optimiseCoding: false })
    .toFile(`${file}.partial`);
  renameSync(`${file}.partial`, file);
}
