import { sampleGrey, shrinkGrey, toGrey, type GreyPicture, type RgbaPicture } from './pictures';

/**
 * Where each point of the candidate photo lies on the reference, in relative coordinates (0 to 1 across each
 * photo, whatever its pixel size): reference = offset + scale × candidate, per axis. A scale below 1 means
 * the candidate shows only part of the reference (it was cropped); above 1, the reference is the crop.
 */
export interface Alignment {
  scaleX: number;
  scaleY: number;
  offsetX: number;
  offsetY: number;
}

export const asIs: Alignment = { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 };

export interface AlignmentResult {
  alignment: Alignment;
  /** The mean absolute grey difference (0 to 1) where the two overlap, at the search's finest size. */
  meanDifference: number;
}

export interface AlignmentOptions {
  /** The most either photo may have been cropped, per axis, as a fraction of its width or height. */
  maxCrop?: number;
}

const defaultMaxCrop = 0.2;
/** The coarse search runs on thumbnails this size (long side): a few thousand trials in milliseconds. */
const coarseLongSide = 40;
const coarseStep = 0.01;
/** The fine search sharpens the best coarse trial on a larger picture. */
const fineLongSide = 128;
const fineStep = 0.0025;
/** Trials whose overlap is smaller than this share of the candidate say nothing reliable. */
const minOverlap = 0.5;
/**
 * "As is" wins unless a crop matches clearly better: interpolating at a fraction of a pixel smooths away a
 * little noise, which alone must not turn a plain re-save into a "crop".
 */
const asIsRelativeSlack = 1.1;
const asIsAbsoluteSlack = 0.002;

/**
 * Lines a copy up with the photo it came from, allowing a light crop of either one: every crop of up to
 * `maxCrop` per side that keeps the candidate's shape is tried on small greyscale versions, by mean absolute
 * difference, then the best is refined on larger ones. Photos of different shapes that no light crop explains
 * are compared as they are (stretched to each other).
 */
export function alignPictures(
  reference: RgbaPicture,
  candidate: RgbaPicture,
  options: AlignmentOptions = {},
): AlignmentResult {
  const maxCrop = options.maxCrop ?? defaultMaxCrop;
  const referenceGrey = toGrey(reference);
  const candidateGrey = toGrey(candidate);
  const coarse = {
    reference: shrinkGrey(referenceGrey, coarseLongSide),
    candidate: shrinkGrey(candidateGrey, coarseLongSide),
  };
  const fine = {
    reference: shrinkGrey(referenceGrey, fineLongSide),
    candidate: shrinkGrey(candidateGrey, fineLongSide),
  };
  const referenceAspect = reference.width / reference.height;
  const candidateAspect = candidate.width / candidate.height;

  let best: AlignmentResult = {
    alignment: asIs,
    meanDifference: meanDifference(coarse.reference, coarse.candidate, asIs),
  };
  for (const crop of lightCrops(maxCrop, coarseStep, candidateAspect / referenceAspect)) {
    const difference = meanDifference(coarse.reference, coarse.candidate, crop);
    if (difference < best.meanDifference) best = { alignment: crop, meanDifference: difference };
  }
  const refined = refine(fine.reference, fine.candidate, best.alignment, maxCrop);
  const asIsDifference = meanDifference(fine.reference, fine.candidate, asIs);
  if (asIsDifference <= refined.meanDifference * asIsRelativeSlack + asIsAbsoluteSlack)
    return { alignment: asIs, meanDifference: asIsDifference };
  return refined;
}

/**
 * The mean absolute difference between the candidate and the reference seen through `alignment`, over the
 * candidate's pixels that land on the reference; Infinity when too few do.
 */
export function meanDifference(reference: GreyPicture, candidate: GreyPicture, alignment: Alignment): number {
  let sum = 0;
  let count = 0;
  for (let y = 0; y < candidate.height; y++) {
    const v = alignment.offsetY + alignment.scaleY * ((y + 0.5) / candidate.height);
    if (v < 0 || v > 1) continue;
    for (let x = 0; x < candidate.width; x++) {
      const u = alignment.offsetX + alignment.scaleX * ((x + 0.5) / candidate.width);
      if (u < 0 || u > 1) continue;
      const seen = sampleGrey(reference, u * reference.width, v * reference.height);
      sum += Math.abs(candidate.values[y * candidate.width + x]! - seen);
      count++;
    }
  }
  return count >= candidate.width * candidate.height * minOverlap ? sum / count : Infinity;
}

/**
 * Every light crop of one photo by the other, both ways, keeping the candidate's shape: `shapeRatio` is the
 * candidate's width/height over the reference's.
 */
function* lightCrops(maxCrop: number, step: number, shapeRatio: number): Generator<Alignment> {
  const steps = Math.round(maxCrop / step);
  for (let widthStep = 0; widthStep <= steps; widthStep++) {
    const kept = 1 - widthStep * step;
    // The candidate shows a part of the reference: kept × its width, and the height its shape implies.
    yield* placements(kept, kept / shapeRatio, step, maxCrop, (w, h, left, top) => ({
      scaleX: w,
      scaleY: h,
      offsetX: left,
      offsetY: top,
    }));
    // The reference shows a part of the candidate.
    yield* placements(kept, kept * shapeRatio, step, maxCrop, (w, h, left, top) => ({
      scaleX: 1 / w,
      scaleY: 1 / h,
      offsetX: -left / w,
      offsetY: -top / h,
    }));
  }
}

/** Each position of a kept window of `width` × `height` (fractions of the whole) inside the whole. */
function* placements(
  width: number,
  height: number,
  step: number,
  maxCrop: number,
  toAlignment: (width: number, height: number, left: number, top: number) => Alignment,
): Generator<Alignment> {
  // A shape a hair off (rounded working sizes) still fits: the window is held to the whole.
  const keptHeight = Math.min(1, height);
  if (height > 1 + step || keptHeight < 1 - maxCrop - step) return;
  for (let left = 0; left <= 1 - width + 1e-9; left += step)
    for (let top = 0; top <= 1 - keptHeight + 1e-9; top += step) {
      if (width === 1 && keptHeight === 1) continue; // as is: tried on its own
      yield toAlignment(width, keptHeight, left, top);
    }
}

/** A local search around `start`: scale and offsets nudged by the fine step while that lowers the difference. */
function refine(
  reference: GreyPicture,
  candidate: GreyPicture,
  start: Alignment,
  maxCrop: number,
): AlignmentResult {
  let best = { alignment: start, meanDifference: meanDifference(reference, candidate, start) };
  const limit = 1 / (1 - maxCrop);
  for (let round = 0; round < 8; round++) {
    let improved = false;
    const { scaleX, scaleY, offsetX, offsetY } = best.alignment;
    for (const scaleNudge of [-1, 0, 1])
      for (const xNudge of [-1, 0, 1])
        for (const yNudge of [-1, 0, 1]) {
          if (!scaleNudge && !xNudge && !yNudge) continue;
          const factor = 1 + scaleNudge * fineStep;
          const trial: Alignment = {
            scaleX: scaleX * factor,
            scaleY: scaleY * factor,
            offsetX: offsetX + xNudge * fineStep,
            offsetY: offsetY + yNudge * fineStep,
          };
          if (trial.scaleX > limit || trial.scaleX < 1 - maxCrop - fineStep) continue;
          const difference = meanDifference(reference, candidate, trial);
          if (difference < best.meanDifference) {
            best = { alignment: trial, meanDifference: difference };
            improved = true;
          }
        }
    if (!improved) break;
  }
  return best;
}
