import sharp from 'sharp';
import { applyOrientation } from '../image/orientation';

/** Quadrant colours of `orientationFixture`, as seen upright: a mirrored or turned decode swaps them. */
export const QUADRANTS = {
  topLeft: [220, 30, 30],
  topRight: [30, 200, 40],
  bottomLeft: [30, 40, 220],
  bottomRight: [240, 240, 240],
} as const;

/** An upright picture whose four quadrants differ, so every rotation and mirror is visible. */
export function orientationFixture(width: number, height: number): Buffer {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const top = y < height / 2;
      const left = x < width / 2;
      const colour = top
        ? left
          ? QUADRANTS.topLeft
          : QUADRANTS.topRight
        : left
          ? QUADRANTS.bottomLeft
          : QUADRANTS.bottomRight;
      pixels.set(colour, (y * width + x) * 3);
    }
  }
  return pixels;
}

/** EXIF orientations that are their own inverse, and the two rotations that undo each other. */
const INVERSE_ORIENTATION: Record<number, number> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 8, 7: 7, 8: 6 };

/** The pixels a camera stores for an upright picture it tags with `orientation` (1-8, EXIF numbering). */
export async function undoOrientation(
  upright: Buffer,
  width: number,
  height: number,
  orientation: number,
): Promise<{ data: Buffer; width: number; height: number }> {
  const inverse = INVERSE_ORIENTATION[orientation] ?? 1;
  const { data, info } = await applyOrientation(
    sharp(upright, { raw: { width, height, channels: 3 } }),
    inverse,
  )
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** The colour at the centre of each quadrant of an interleaved RGB buffer. */
export function quadrantColours(rgb: Buffer, width: number, height: number, channels = 3) {
  const at = (x: number, y: number) => {
    const i = (Math.floor(y) * width + Math.floor(x)) * channels;
    return [rgb[i]!, rgb[i + 1]!, rgb[i + 2]!];
  };
  return {
    topLeft: at(width / 4, height / 4),
    topRight: at((3 * width) / 4, height / 4),
    bottomLeft: at(width / 4, (3 * height) / 4),
    bottomRight: at((3 * width) / 4, (3 * height) / 4),
  };
}
