import type { Sharp } from 'sharp';

/**
 * Stand a picture up from its EXIF/TIFF Orientation (1-8) when the pixels come from somewhere that does not
 * carry the tag (a RAW's embedded preview). sharp mirrors before it rotates, so each orientation is written
 * as mirror-then-rotate: 5 (transpose) = flip + 90°, 7 (transverse) = flop + 90°.
 */
export function applyOrientation(image: Sharp, orientation: number): Sharp {
  switch (orientation) {
    case 2:
      return image.flop();
    case 3:
      return image.rotate(180);
    case 4:
      return image.flip();
    case 5:
      return image.flip().rotate(90);
    case 6:
      return image.rotate(90);
    case 7:
      return image.flop().rotate(90);
    case 8:
      return image.rotate(270);
    default:
      return image;
  }
}

/** Orientations 5-8 turn the picture a quarter: its upright width is the stored height. */
export function isQuarterTurn(orientation: number): boolean {
  return orientation >= 5 && orientation <= 8;
}
