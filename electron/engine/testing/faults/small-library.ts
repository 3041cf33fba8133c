import { join } from 'node:path';
import { PLANTED_EDITS, photoLikePixels, rawImage, writeImage } from '../photo-fixtures';

/** Edits that keep a picture whatever its size (the others in PLANTED_EDITS assume 640 x 480). */
const SIZE_FREE_EDITS = ['recompressed.jpg', 'reencoded.webp', 'brightened.jpg'] as const;

/**
 * A small, quick library for runs that are interrupted many times: `count` distinct photos of 160 x 120,
 * and an edited copy of every fourth one in a subfolder, so both pair graphs have pairs to find.
 * Returns every file's path.
 */
export async function makeSmallLibrary(root: string, count: number, seed = 1): Promise<string[]> {
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const pixels = photoLikePixels(seed * 100_003 + i, 160, 120);
    const path = join(root, `photo ${i}.jpg`);
    await writeImage(path, rawImage(pixels, 160, 120).jpeg({ quality: 85 }));
    files.push(path);
    if (i % 4 === 0) {
      const edit = SIZE_FREE_EDITS[(i / 4) % SIZE_FREE_EDITS.length]!;
      const copy = join(root, 'edited', `photo ${i} ${edit}`);
      await writeImage(copy, PLANTED_EDITS[edit]!(rawImage(pixels, 160, 120)));
      files.push(copy);
    }
  }
  return files.sort();
}
