/**
 * The forms of a stored coarse vector (perceptual-fingerprint.ts coarseVectorOf: 8x8 luma, then 4x4 chroma
 * as two values a cell) that the same-picture candidate search compares. Computed at pairing time from the
 * stored vectors, so libraries indexed before them work unchanged.
 *
 * Both are folded so that a mirrored copy gives the same vector: each pair of cells mirrored across the
 * vertical axis, (p, q), becomes ((p + q), |p - q|) / sqrt 2. Folding never moves two vectors apart, so every
 * candidate of the stored vectors is still one, and mirrored copies are added. Measured on 60 generated
 * photos (1,770 pairs): no pair of different photos within the cut (0.9), as before folding.
 */

const LUMA_SIDE = 8;
const CHROMA_SIDE = 4;
const LUMA_DIMS = LUMA_SIDE * LUMA_SIDE;

/** The main search: luma and chroma, folded (96 values). */
export const CANDIDATE_DIMS = LUMA_DIMS + CHROMA_SIDE * CHROMA_SIDE * 2;

/**
 * The greyscale search: luma only, folded (64 values), since a greyscale copy has no chroma to compare.
 * Luma alone is far less selective (505 of the 1,770 pairs above within 0.9, the closest at 0.39), so it is cut
 * at GREYSCALE_CANDIDATE_DISTANCE and only pairs with a greyscale side are verified.
 */
export const GREYSCALE_CANDIDATE_DIMS = LUMA_DIMS;
/** Greyscale copies of 10 generated photos measured 0.08-0.31; different photos 0.39 and up. */
export const GREYSCALE_CANDIDATE_DISTANCE = 0.36;

/** A coarse vector with no colour: every chroma value within this of neutral (3 levels of 255). */
const NEUTRAL_CHROMA = 3 / 255;

export function candidateVector(coarse: Float32Array): Float32Array {
  const out = new Float32Array(CANDIDATE_DIMS);
  foldRows(coarse, 0, LUMA_SIDE, 1, out);
  foldRows(coarse, LUMA_DIMS, CHROMA_SIDE, 2, out);
  return out;
}

export function greyscaleCandidateVector(coarse: Float32Array): Float32Array {
  const out = new Float32Array(GREYSCALE_CANDIDATE_DIMS);
  foldRows(coarse, 0, LUMA_SIDE, 1, out);
  return out;
}

/** Whether the photo behind a coarse vector is greyscale (black and white, or a greyscale copy). */
export function isGreyscaleVector(coarse: Float32Array): boolean {
  for (let i = LUMA_DIMS; i < CANDIDATE_DIMS; i++) if (Math.abs(coarse[i]!) > NEUTRAL_CHROMA) return false;
  return true;
}

/** Folds a side x side grid of `channels` values a cell, starting at `start`, into `out` at the same place. */
function foldRows(
  coarse: Float32Array,
  start: number,
  side: number,
  channels: number,
  out: Float32Array,
): void {
  for (let row = 0; row < side; row++)
    for (let col = 0; col < side / 2; col++)
      for (let c = 0; c < channels; c++) {
        const left = start + (row * side + col) * channels + c;
        const right = start + (row * side + side - 1 - col) * channels + c;
        const p = coarse[left]!;
        const q = coarse[right]!;
        out[left] = (p + q) / Math.SQRT2;
        out[right] = Math.abs(p - q) / Math.SQRT2;
      }
}
