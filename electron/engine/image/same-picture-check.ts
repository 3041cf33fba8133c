import type { SamePictureLevel } from '../../../shared/contract/entities';
import { COLOUR_SIDE, mirroredSignature, SIGNATURE_SIDE, signatureViews } from './perceptual-fingerprint';

/**
 * Pairing-time verification of same-picture candidates: two stored perceptual signatures
 * (perceptual-fingerprint.ts) are compared under small crop alignments, each way round, as they are and
 * one of them mirrored, and whole frame against the content inside bars (a photo letterboxed into a
 * screenshot). The candidates come from the coarse vectors' distance, cut at COARSE_CANDIDATE_DISTANCE.
 * Each verified pair gets the strictest level that takes it (LEVEL_LIMITS); pairing stores every pair the
 * loosest level takes, and the levels' rule (shared/duplicates/same-picture-levels.ts) filters.
 */

/**
 * Loose on purpose: candidates are verified by `samePictureScore`. A 10-15% crop moves the coarse vector up to
 * about 0.8 on generated photos; different photos measured 1.75 and more. Pairing compares the coarse vectors
 * in their mirror-invariant form (candidate-vectors.ts), which is never farther apart.
 */
export const COARSE_CANDIDATE_DISTANCE = 0.9;

const GRID = 16;
const FLAT_STD = 4;

/**
 * What each level lets an alignment differ by. Measured on generated photo-like scenes (640x480, seeds 11,
 * 23, 57, 101, 7 and 9, and 16 seeds for pans), through the indexer's path (encoded bytes, the small decode
 * at 224 and 64 pixels short side, the fingerprint):
 * - re-saves: resized, recompressed down to JPEG quality 10 (also after resizing to a third), WebP:
 *   correlation 0.992 and up, residual outlier at most 0.24, chroma delta at most 0.006. 'strict' takes these
 *   and nothing cropped, mirrored, letterboxed, greyscale or re-toned (contrast within 5%, mean within 4).
 * - brightness, contrast and saturation +-25%, gamma, crops of 10-15%, a mirror, a letterbox into a phone
 *   screenshot (390x844 and 1170x2532, dark or light, JPEG down to quality 10): correlation 0.98 and up,
 *   outlier at most 0.43, chroma delta at most 0.041: 'normal'. Limits: on seed 9 (strongly saturated
 *   colours) brightness -25% and saturation +25% leave an outlier of 0.85 and 0.82 and are not the same
 *   picture at any level; a crop of 20% off one side is a candidate only on some photos (coarse distance
 *   0.6-1.06 against the 0.9 cut).
 * - greyscale (sharp's, uncropped): 5 of 10 seeds (11, 23, 101, 7, 13: outlier 0.15-0.57, mean within 7).
 *   Missed: 57, 42, 5, 9 (saturated colours, which the conversion weighs otherwise than this luma: outlier
 *   0.76-1.13) and 3 (tones beyond the greyscale limits below). Those limits cannot be looser: a black-to-white
 *   gradient is within 14 levels of a greyscale blue-to-white one, and must stay apart from it.
 * - 'loose' allows the outlier up to 0.62 and the chroma delta up to 0.06 (heavier colour edits). A burst
 *   frame with its subject moved by a tenth of the frame measured 0.59-1.05 (one seed of 16: 0.32, beyond
 *   what a 32x32 signature sees). A scene panned by a tenth measured 0.37-1.25 one-sided, but 0.05 at most
 *   once both sides are cropped (edits: 0.5 and up), which isPanned rejects at every level.
 */
interface LevelLimits {
  minCorrelation: number;
  maxOutlier: number;
  maxColourDelta: number;
  /** Largest share cropped away along either axis. */
  maxCrop: number;
  /** Tonal spread of one over the other's, both ways round: 1 is no contrast change. */
  maxContrastChange: number;
  /** Mean luma difference, in levels of 255. */
  maxMeanShift: number;
  /** A mirror, a letterbox or a greyscale copy: edits of the picture, not re-saves of it. */
  transforms: boolean;
}

const LEVEL_LIMITS: readonly [SamePictureLevel, LevelLimits][] = [
  [
    'strict',
    {
      minCorrelation: 0.985,
      maxOutlier: 0.4,
      maxColourDelta: 0.008,
      maxCrop: 0,
      maxContrastChange: 1.05,
      maxMeanShift: 4,
      transforms: false,
    },
  ],
  [
    'normal',
    {
      minCorrelation: 0.95,
      maxOutlier: 0.58,
      maxColourDelta: 0.045,
      maxCrop: 0.2,
      maxContrastChange: 1 / 0.7,
      maxMeanShift: Infinity,
      transforms: true,
    },
  ],
  [
    'loose',
    {
      minCorrelation: 0.95,
      maxOutlier: 0.62,
      maxColourDelta: 0.06,
      maxCrop: 0.2,
      maxContrastChange: 1 / 0.7,
      maxMeanShift: Infinity,
      transforms: true,
    },
  ],
];
const LOOSEST = LEVEL_LIMITS.at(-1)![1];

/** A colour grid whose every cell is within this of neutral grey (r = g = b) is a greyscale photo. */
const GREY_CHROMA = 3;
/** Against a greyscale copy: the most the mean luma (of 255) and the tonal spread may differ. */
const GREY_MAX_MEAN_SHIFT = 10;
const GREY_MAX_CONTRAST_CHANGE = 1.2;

/**
 * Crop windows tried, as (size, offset) along one axis in units of the frame: up to 20% cropped away per
 * axis, anchored at either edge or centred. Each axis is searched independently, so a crop that changes
 * the aspect ratio (a square crop of a 4:3 photo) still aligns.
 */
const WINDOWS_1D: [number, number][] = [1, 0.96, 0.92, 0.88, 0.84, 0.8].flatMap((size) =>
  size === 1
    ? [[1, 0] as [number, number]]
    : [
        [size, 0] as [number, number],
        [size, (1 - size) / 2] as [number, number],
        [size, 1 - size] as [number, number],
      ],
);

export interface SamePictureVerdict {
  /** The strictest level that takes the pair. */
  level: SamePictureLevel;
  correlation: number;
  colourDelta: number;
  outlier: number;
}

/** How one alignment was reached: anything but a plain comparison is an edit, not a re-save. */
interface Transform {
  mirrored: boolean;
  letterboxed: boolean;
}

/**
 * Same picture: after the best small crop alignment, the tone layout correlates strongly at 16x16
 * (tolerates resizing, recompression, light crops, brightness and contrast edits), the contrast is within a
 * brightness edit's range, and the colours (chromaticity, so brightening does not count; skipped when one
 * side is greyscale) match. Two different smooth photos with the same layout fail on tones or colours even
 * when their coarse vectors agree. Tried as they are, with `b` mirrored, and whole frame against content
 * inside bars. Returns the strictest level's verdict, or null when no level calls it the same picture.
 */
export function samePictureScore(a: Uint8Array, b: Uint8Array): SamePictureVerdict | null {
  const viewsA = signatureViews(a);
  const viewsB = signatureViews(b);
  let best: SamePictureVerdict | null = null;
  for (const mirrored of [false, true]) {
    for (let i = 0; i < viewsA.length; i++) {
      for (let j = 0; j < viewsB.length; j++) {
        const transform = { mirrored, letterboxed: i > 0 || j > 0 };
        const viewA = viewsA[i]!;
        const viewB = mirrored ? mirroredSignature(viewsB[j]!) : viewsB[j]!;
        let pairBest: SamePictureVerdict | null = null;
        for (const found of [alignedScore(viewA, viewB, transform), alignedScore(viewB, viewA, transform)]) {
          if (found && (!pairBest || isBetter(found, pairBest))) pairBest = found;
        }
        if (pairBest && isPanned(viewA, viewB, pairBest)) pairBest = null;
        if (pairBest && (!best || isBetter(pairBest, best))) best = pairBest;
        // Only the plain comparison reaches strict, and no transform beats normal: stop once either is found.
        if (best?.level === 'strict' || best?.level === 'normal') return best;
      }
    }
  }
  return best;
}

function isBetter(x: SamePictureVerdict, y: SamePictureVerdict): boolean {
  const rank = (v: SamePictureVerdict) => LEVEL_LIMITS.findIndex(([level]) => level === v.level);
  return rank(x) < rank(y) || (rank(x) === rank(y) && x.correlation > y.correlation);
}

/** Is `b` the same picture as some light crop of `a`? The strictest level any window reaches. */
function alignedScore(a: Uint8Array, b: Uint8Array, transform: Transform): SamePictureVerdict | null {
  const target = lumaGrid(b, { x: [1, 0], y: [1, 0] });
  const targetStats = stats(target);
  const greyscale = isGreyscale(a) !== isGreyscale(b);
  let best: SamePictureVerdict | null = null;
  for (const x of WINDOWS_1D) {
    for (const y of WINDOWS_1D) {
      const window = { x, y };
      const source = lumaGrid(a, window);
      const sourceStats = stats(source);
      const crop = 1 - Math.min(x[0], y[0]);
      if (sourceStats.std < FLAT_STD || targetStats.std < FLAT_STD) {
        // Flat frames (a grey sky, a dark frame) have no layout to correlate: same tone and colour decide.
        const bothFlat = sourceStats.std < FLAT_STD && targetStats.std < FLAT_STD;
        const colourDelta = greyscale ? 0 : chromaDelta(a, b, window);
        if (!bothFlat || Math.abs(sourceStats.mean - targetStats.mean) >= 20) continue;
        const found = verdictOf(
          { correlation: 1, colourDelta, outlier: 0, crop, contrast: 1 },
          Math.abs(sourceStats.mean - targetStats.mean),
          { ...transform, greyscale },
        );
        if (found && (!best || isBetter(found, best))) best = found;
        continue;
      }
      const ratio = sourceStats.std / targetStats.std;
      const contrast = Math.max(ratio, 1 / ratio);
      if (contrast > LOOSEST.maxContrastChange) continue;
      let covariance = 0;
      for (let i = 0; i < source.length; i++)
        covariance += (source[i]! - sourceStats.mean) * (target[i]! - targetStats.mean);
      const correlation = covariance / (source.length * sourceStats.std * targetStats.std);
      if (correlation < LOOSEST.minCorrelation || (best && !couldBeat(correlation, crop, best))) continue;
      const colourDelta = greyscale ? 0 : chromaDelta(a, b, window);
      if (colourDelta > LOOSEST.maxColourDelta) continue;
      const outlier = residualOutlier(source, sourceStats, target, targetStats, covariance);
      const found = verdictOf(
        { correlation, colourDelta, outlier, crop, contrast },
        Math.abs(sourceStats.mean - targetStats.mean),
        { ...transform, greyscale },
      );
      if (found && (!best || isBetter(found, best))) best = found;
    }
  }
  return best;
}

/**
 * Two frames of a panning camera (a burst, a panorama's neighbours) each hold a strip the other does not:
 * no crop of one side explains the other, but cropping both, in opposite directions, lines them up. A copy
 * is explained by cropping one side only, so cropping both gains it nothing. So a pair whose residual drops
 * well below the one-sided alignment's once both sides are cropped is a pan, at any level.
 */
const PAN_SHIFTS = [0.04, 0.06, 0.08, 0.1, 0.12, 0.15, 0.2];
/** Below this one-sided residual the alignment is too good for a pan to explain it better. */
const PAN_FLOOR = 0.12;
const PAN_GAIN = 0.6;

function isPanned(a: Uint8Array, b: Uint8Array, verdict: SamePictureVerdict): boolean {
  let bestTwoSided = Infinity;
  const whole: [number, number] = [1, 0];
  for (const shift of PAN_SHIFTS) {
    const ahead: [number, number] = [1 - shift, shift];
    const behind: [number, number] = [1 - shift, 0];
    for (const [windowA, windowB] of [
      [
        { x: ahead, y: whole },
        { x: behind, y: whole },
      ],
      [
        { x: behind, y: whole },
        { x: ahead, y: whole },
      ],
      [
        { x: whole, y: ahead },
        { x: whole, y: behind },
      ],
      [
        { x: whole, y: behind },
        { x: whole, y: ahead },
      ],
    ] as [CropWindow, CropWindow][]) {
      const source = lumaGrid(a, windowA);
      const target = lumaGrid(b, windowB);
      const sourceStats = stats(source);
      const targetStats = stats(target);
      if (sourceStats.std < FLAT_STD || targetStats.std < FLAT_STD) continue;
      let covariance = 0;
      for (let i = 0; i < source.length; i++)
        covariance += (source[i]! - sourceStats.mean) * (target[i]! - targetStats.mean);
      const outlier = residualOutlier(source, sourceStats, target, targetStats, covariance);
      bestTwoSided = Math.min(bestTwoSided, outlier);
    }
  }
  return verdict.outlier > PAN_FLOOR && bestTwoSided < PAN_GAIN * verdict.outlier;
}

/** Whether a window could still give a better verdict than `best`: a stricter level, or a higher correlation. */
function couldBeat(correlation: number, crop: number, best: SamePictureVerdict): boolean {
  if (correlation > best.correlation) return true;
  // A lower correlation wins only by reaching a stricter level, which only an uncropped window can (strict).
  return best.level !== 'strict' && crop === 0 && correlation >= LEVEL_LIMITS[0]![1].minCorrelation;
}

/** The strictest level whose limits the measurements are within, or null. */
function verdictOf(
  measured: {
    correlation: number;
    colourDelta: number;
    outlier: number;
    crop: number;
    contrast: number;
  },
  meanShift: number,
  transform: Transform & { greyscale: boolean },
): SamePictureVerdict | null {
  const transformed = transform.mirrored || transform.letterboxed || transform.greyscale;
  // Without colours to compare, the tones must hold: a greyscale copy keeps the photo's brightness and
  // contrast (up to how its editor weighs the channels) and its frame; a grey photo of another scene need
  // not (a crop would shift the mean of a gradient onto another's).
  if (
    transform.greyscale &&
    (meanShift > GREY_MAX_MEAN_SHIFT || measured.contrast > GREY_MAX_CONTRAST_CHANGE || measured.crop > 0)
  )
    return null;
  for (const [level, limits] of LEVEL_LIMITS) {
    if (transformed && !limits.transforms) continue;
    if (
      measured.correlation >= limits.minCorrelation &&
      measured.outlier <= limits.maxOutlier &&
      measured.colourDelta <= limits.maxColourDelta &&
      measured.crop <= limits.maxCrop + 1e-9 &&
      measured.contrast <= limits.maxContrastChange &&
      meanShift <= limits.maxMeanShift
    ) {
      const { correlation, colourDelta, outlier } = measured;
      return { level, correlation, colourDelta, outlier };
    }
  }
  return null;
}

/** Every cell of the colour grid neutral: a black-and-white photo (or a greyscale copy of one). */
function isGreyscale(signature: Uint8Array): boolean {
  const start = SIGNATURE_SIDE * SIGNATURE_SIDE;
  for (let cell = 0; cell < COLOUR_SIDE * COLOUR_SIDE; cell++) {
    const r = signature[start + cell * 3]!;
    const g = signature[start + cell * 3 + 1]!;
    const b = signature[start + cell * 3 + 2]!;
    if (Math.abs(r - g) > GREY_CHROMA || Math.abs(b - g) > GREY_CHROMA) return false;
  }
  return true;
}

/**
 * How local the disagreement is: fit the target's tones as a linear function of the source's (absorbing
 * brightness and contrast edits), then take a high percentile of the residuals in units of the target's
 * spread. Recompression and resizing spread small errors evenly; a subject that moved between two burst
 * frames leaves a few cells with large errors, even when the global correlation stays high.
 */
function residualOutlier(
  source: Float64Array,
  sourceStats: { mean: number; std: number },
  target: Float64Array,
  targetStats: { mean: number; std: number },
  covariance: number,
): number {
  const slope = covariance / (source.length * sourceStats.std * sourceStats.std);
  const residuals = new Float64Array(source.length);
  for (let i = 0; i < source.length; i++) {
    const predicted = targetStats.mean + slope * (source[i]! - sourceStats.mean);
    residuals[i] = Math.abs(target[i]! - predicted) / targetStats.std;
  }
  residuals.sort();
  return residuals[Math.floor(residuals.length * 0.97)]!;
}

interface CropWindow {
  x: [number, number];
  y: [number, number];
}

/** The 32x32 luma of the signature, bilinearly resampled over a crop window onto a 16x16 grid. */
function lumaGrid(signature: Uint8Array, window: CropWindow): Float64Array {
  const out = new Float64Array(GRID * GRID);
  for (let row = 0; row < GRID; row++) {
    const v = window.y[1] + ((row + 0.5) / GRID) * window.y[0];
    for (let col = 0; col < GRID; col++) {
      const u = window.x[1] + ((col + 0.5) / GRID) * window.x[0];
      out[row * GRID + col] = bilinear(signature, 0, SIGNATURE_SIDE, 1, 0, u, v);
    }
  }
  return out;
}

/** Sample channel `channel` of a side x side grid (interleaved `channels`) at normalised (u, v). */
function bilinear(
  data: Uint8Array,
  start: number,
  side: number,
  channels: number,
  channel: number,
  u: number,
  v: number,
): number {
  const x = Math.min(side - 1, Math.max(0, u * side - 0.5));
  const y = Math.min(side - 1, Math.max(0, v * side - 0.5));
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.min(side - 1, x0 + 1);
  const y1 = Math.min(side - 1, y0 + 1);
  const fx = x - x0;
  const fy = y - y0;
  // Four plain reads, no helper closure: this runs 256 times per crop window tried, for every candidate pair.
  const row0 = start + y0 * side * channels + channel;
  const row1 = start + y1 * side * channels + channel;
  return (
    data[row0 + x0 * channels]! * (1 - fx) * (1 - fy) +
    data[row0 + x1 * channels]! * fx * (1 - fy) +
    data[row1 + x0 * channels]! * (1 - fx) * fy +
    data[row1 + x1 * channels]! * fx * fy
  );
}

/**
 * Mean difference of chromaticity (each channel's share of the cell's brightness) over the colour grid,
 * with `a` sampled through the crop window. Brightening keeps shares; a different colour does not.
 */
function chromaDelta(a: Uint8Array, b: Uint8Array, window: CropWindow): number {
  const start = SIGNATURE_SIDE * SIGNATURE_SIDE;
  let total = 0;
  for (let row = 0; row < COLOUR_SIDE; row++) {
    for (let col = 0; col < COLOUR_SIDE; col++) {
      const u = window.x[1] + ((col + 0.5) / COLOUR_SIDE) * window.x[0];
      const v = window.y[1] + ((row + 0.5) / COLOUR_SIDE) * window.y[0];
      const ca = [0, 1, 2].map((c) => bilinear(a, start, COLOUR_SIDE, 3, c, u, v));
      const cb = [0, 1, 2].map((c) => b[start + (row * COLOUR_SIDE + col) * 3 + c]!);
      // The +10 keeps near-black cells, whose shares are noise, from deciding anything.
      const sumA = ca[0]! + ca[1]! + ca[2]! + 30;
      const sumB = cb[0]! + cb[1]! + cb[2]! + 30;
      for (let c = 0; c < 3; c++) total += Math.abs((ca[c]! + 10) / sumA - (cb[c]! + 10) / sumB);
    }
  }
  return total / (COLOUR_SIDE * COLOUR_SIDE * 3);
}

function stats(values: Float64Array): { mean: number; std: number } {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let variance = 0;
  for (const v of values) variance += (v - mean) ** 2;
  return { mean, std: Math.sqrt(variance / values.length) };
}
