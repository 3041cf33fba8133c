import { COLOUR_SIDE, SIGNATURE_SIDE } from './perceptual-fingerprint';

/**
 * Pairing-time verification of same-picture candidates: two stored perceptual signatures
 * (perceptual-fingerprint.ts) are compared under small crop alignments. The candidates come from the
 * coarse vectors' distance, cut at COARSE_CANDIDATE_DISTANCE.
 */

/**
 * Loose on purpose: candidates are verified by `samePictureScore`. A 10-15% crop moves the coarse vector up to
 * about 0.8 on generated photos; different photos measured 1.75 and more.
 */
export const COARSE_CANDIDATE_DISTANCE = 0.9;

const GRID = 16;
const MIN_CORRELATION = 0.95;
const MAX_CHROMA_DELTA = 0.035;
/**
 * The 97th-percentile residual (in units of tonal spread) that an edit may leave. Measured on generated
 * photos: resizing, recompression, crops, brightness, gamma and saturation edits stay at or below 0.56; burst
 * frames with a subject moving a tenth of the frame start at 0.65. Smaller motion than that is beyond what
 * a 32x32 signature can see, and such frames are reported as the same picture.
 */
const MAX_RESIDUAL_OUTLIER = 0.62;
const FLAT_STD = 4;
/** Brightness and mild contrast edits stay within this ratio of tonal spread; a different exposure does not. */
const MIN_CONTRAST_RATIO = 0.7;

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

/**
 * Same picture: after the best small crop alignment, the tone layout correlates strongly at 16x16
 * (tolerates resizing, recompression, light crops, brightness and contrast edits), the contrast is within a
 * brightness edit's range, and the colours (chromaticity, so brightening does not count) match. Two
 * different smooth photos with the same layout fail on tones or colours even when their coarse vectors agree.
 * Returns the verification's measurements, or null when the pair is not the same picture.
 */
export function samePictureScore(
  a: Uint8Array,
  b: Uint8Array,
): { correlation: number; colourDelta: number; outlier: number } | null {
  return alignedScore(a, b) ?? alignedScore(b, a);
}

/** Is `b` the same picture as some light crop of `a`? */
function alignedScore(
  a: Uint8Array,
  b: Uint8Array,
): { correlation: number; colourDelta: number; outlier: number } | null {
  const target = lumaGrid(b, { x: [1, 0], y: [1, 0] });
  const targetStats = stats(target);
  let best: { correlation: number; colourDelta: number; outlier: number } | null = null;
  for (const x of WINDOWS_1D) {
    for (const y of WINDOWS_1D) {
      const window = { x, y };
      const source = lumaGrid(a, window);
      const sourceStats = stats(source);
      const colourDelta = chromaDelta(a, b, window);
      if (colourDelta > MAX_CHROMA_DELTA) continue;
      if (sourceStats.std < FLAT_STD || targetStats.std < FLAT_STD) {
        // Flat frames (a grey sky, a dark frame) have no layout to correlate: same tone and colour decide.
        const bothFlat = sourceStats.std < FLAT_STD && targetStats.std < FLAT_STD;
        if (bothFlat && Math.abs(sourceStats.mean - targetStats.mean) < 20)
          return { correlation: 1, colourDelta, outlier: 0 };
        continue;
      }
      const ratio = sourceStats.std / targetStats.std;
      if (ratio < MIN_CONTRAST_RATIO || ratio > 1 / MIN_CONTRAST_RATIO) continue;
      let covariance = 0;
      for (let i = 0; i < source.length; i++)
        covariance += (source[i]! - sourceStats.mean) * (target[i]! - targetStats.mean);
      const correlation = covariance / (source.length * sourceStats.std * targetStats.std);
      if (correlation < MIN_CORRELATION || (best && correlation <= best.correlation)) continue;
      const outlier = residualOutlier(source, sourceStats, target, targetStats, covariance);
      if (outlier <= MAX_RESIDUAL_OUTLIER) best = { correlation, colourDelta, outlier };
    }
  }
  return best;
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
  const at = (cx: number, cy: number) => data[start + (cy * side + cx) * channels + channel]!;
  return (
    at(x0, y0) * (1 - fx) * (1 - fy) +
    at(x1, y0) * fx * (1 - fy) +
    at(x0, y1) * (1 - fx) * fy +
    at(x1, y1) * fx * fy
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
