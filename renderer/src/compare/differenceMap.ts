import type { Alignment } from './imageAlignment';
import { bilinearCorners, type RgbaPicture } from './pictures';

export interface DifferenceOptions {
  /**
   * How far apart (0 to 1 of the full range, in the channel that differs most) two pixels must be, after a
   * light blur, to count as different. The blur and this margin let JPEG noise and resampling pass.
   */
  threshold?: number;
}

export interface DifferenceMap {
  width: number;
  height: number;
  /** RGBA in the candidate's frame: the candidate dimmed, its differing pixels lit, what lies off the reference dark blue. */
  overlay: Uint8ClampedArray;
  /** The share of compared pixels that differ (0 to 1). */
  differingFraction: number;
  /** The share of the candidate that lies on the reference and was compared (0 to 1). */
  comparedFraction: number;
}

export const defaultDifferenceThreshold = 0.1;
const litColour = [255, 32, 160] as const;
const offReferenceColour = [24, 44, 92] as const;
/** The candidate shows through at this brightness, so the lit pixels stand out and the scene stays readable. */
const dimming = 0.35;

/**
 * Lights the pixels of `candidate` that differ from `reference` once lined up by `alignment` (see
 * imageAlignment.ts). Both pictures are blurred a little first (3 × 3), so single-pixel noise of a re-save
 * does not count; a changed region does.
 */
export function differenceMap(
  reference: RgbaPicture,
  candidate: RgbaPicture,
  alignment: Alignment,
  options: DifferenceOptions = {},
): DifferenceMap {
  const threshold = (options.threshold ?? defaultDifferenceThreshold) * 255;
  const blurredReference = boxBlur(reference);
  const blurredCandidate = boxBlur(candidate);
  const { width, height } = candidate;
  const overlay = new Uint8ClampedArray(width * height * 4);
  let compared = 0;
  let differing = 0;
  const seen = [0, 0, 0];
  for (let y = 0; y < height; y++) {
    const v = alignment.offsetY + alignment.scaleY * ((y + 0.5) / height);
    for (let x = 0; x < width; x++) {
      const u = alignment.offsetX + alignment.scaleX * ((x + 0.5) / width);
      const at = (y * width + x) * 4;
      overlay[at + 3] = 255;
      if (u < 0 || u > 1 || v < 0 || v > 1) {
        overlay.set(offReferenceColour, at);
        continue;
      }
      compared++;
      sampleRgb(blurredReference, reference.width, reference.height, u, v, seen);
      let largest = 0;
      for (let channel = 0; channel < 3; channel++)
        largest = Math.max(largest, Math.abs(blurredCandidate[at + channel]! - seen[channel]!));
      if (largest > threshold) {
        differing++;
        overlay.set(litColour, at);
      } else {
        const data = candidate.data;
        const grey = (0.299 * data[at]! + 0.587 * data[at + 1]! + 0.114 * data[at + 2]!) * dimming;
        overlay[at] = overlay[at + 1] = overlay[at + 2] = grey;
      }
    }
  }
  return {
    width,
    height,
    overlay,
    differingFraction: compared ? differing / compared : 0,
    comparedFraction: compared / (width * height),
  };
}

/** The mean of each pixel's 3 × 3 neighbourhood (held at the borders), per channel, as floats. */
function boxBlur(picture: RgbaPicture): Float32Array {
  const { width, height, data } = picture;
  const across = new Float32Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const left = (y * width + Math.max(0, x - 1)) * 4;
      const middle = (y * width + x) * 4;
      const right = (y * width + Math.min(width - 1, x + 1)) * 4;
      for (let channel = 0; channel < 3; channel++)
        across[middle + channel] =
          (data[left + channel]! + data[middle + channel]! + data[right + channel]!) / 3;
    }
  const blurred = new Float32Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const above = Math.max(0, y - 1) * width;
    const below = Math.min(height - 1, y + 1) * width;
    for (let x = 0; x < width; x++) {
      const middle = (y * width + x) * 4;
      for (let channel = 0; channel < 3; channel++)
        blurred[middle + channel] =
          (across[(above + x) * 4 + channel]! +
            across[middle + channel]! +
            across[(below + x) * 4 + channel]!) /
          3;
    }
  }
  return blurred;
}

/** The colour at relative point (u, v), bilinear between pixel centres, into `out`. */
function sampleRgb(pixels: Float32Array, width: number, height: number, u: number, v: number, out: number[]) {
  const { x0, y0, x1, y1, tx, ty } = bilinearCorners(width, height, u * width, v * height);
  for (let channel = 0; channel < 3; channel++) {
    const top =
      pixels[(y0 * width + x0) * 4 + channel]! * (1 - tx) + pixels[(y0 * width + x1) * 4 + channel]! * tx;
    const bottom =
      pixels[(y1 * width + x0) * 4 + channel]! * (1 - tx) + pixels[(y1 * width + x1) * 4 + channel]! * tx;
    out[channel] = top * (1 - ty) + bottom * ty;
  }
}
