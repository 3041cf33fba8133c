/**
 * Model-free fingerprints that decide "identical" and "same picture" without CLIP, so a library can be
 * de-duplicated before any model is downloaded.
 *
 * - `phash`: the classic 64-bit DCT hash (32x32 luma, top-left 8x8 DCT without DC, median threshold),
 *   stored for interoperability and cheap coarse filtering.
 * - `signature`: 32x32 luma plus a 4x4 RGB colour grid, as bytes. It keeps the actual tones, not just their
 *   signs, which is what tells apart two smooth gradients that a difference hash maps to the same bits.
 * - `coarseVector`: a short vector derived from the signature whose L2 distance finds candidate pairs in
 *   ClickHouse; `isSamePicture` then verifies each candidate on the full signature.
 */
export const SIGNATURE_SIDE = 32;
const COLOUR_SIDE = 4;
export const SIGNATURE_LENGTH = SIGNATURE_SIDE * SIGNATURE_SIDE + COLOUR_SIDE * COLOUR_SIDE * 3;

export interface PerceptualFingerprint {
  phash: bigint;
  signature: Uint8Array;
  coarseVector: Float32Array;
}

/** From an interleaved RGB buffer of any size (the decoder's small copy of the photo). */
export function fingerprintPixels(rgb: Uint8Array, width: number, height: number): PerceptualFingerprint {
  const luma = resampleLuma(rgb, width, height, SIGNATURE_SIDE);
  const colour = resampleRgb(rgb, width, height, COLOUR_SIDE);
  const signature = new Uint8Array(SIGNATURE_LENGTH);
  for (let i = 0; i < luma.length; i++) signature[i] = Math.round(luma[i]!);
  signature.set(colour.map(Math.round), luma.length);
  return { phash: dctHash(luma), signature, coarseVector: coarseVectorOf(signature) };
}

/** Box-filter resample to side x side (aspect ignored on purpose: a resized copy must land on the same grid). */
function resampleLuma(rgb: Uint8Array, width: number, height: number, side: number): Float64Array {
  const out = new Float64Array(side * side);
  const counts = new Float64Array(side * side);
  for (let y = 0; y < height; y++) {
    const row = Math.min(side - 1, Math.floor((y * side) / height));
    for (let x = 0; x < width; x++) {
      const col = Math.min(side - 1, Math.floor((x * side) / width));
      const p = (y * width + x) * 3;
      out[row * side + col]! += 0.299 * rgb[p]! + 0.587 * rgb[p + 1]! + 0.114 * rgb[p + 2]!;
      counts[row * side + col]! += 1;
    }
  }
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / Math.max(1, counts[i]!);
  return out;
}

function resampleRgb(rgb: Uint8Array, width: number, height: number, side: number): Float64Array {
  const out = new Float64Array(side * side * 3);
  const counts = new Float64Array(side * side);
  for (let y = 0; y < height; y++) {
    const row = Math.min(side - 1, Math.floor((y * side) / height));
    for (let x = 0; x < width; x++) {
      const cell = row * side + Math.min(side - 1, Math.floor((x * side) / width));
      const p = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) out[cell * 3 + c]! += rgb[p + c]!;
      counts[cell]! += 1;
    }
  }
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / Math.max(1, counts[Math.floor(i / 3)]!);
  return out;
}

function dctHash(luma: Float64Array): bigint {
  const n = SIGNATURE_SIDE;
  const coefficients: number[] = [];
  for (let u = 0; u < 8; u++) {
    for (let v = 0; v < 8; v++) {
      let sum = 0;
      for (let y = 0; y < n; y++) {
        const cy = Math.cos(((2 * y + 1) * u * Math.PI) / (2 * n));
        for (let x = 0; x < n; x++)
          sum += luma[y * n + x]! * cy * Math.cos(((2 * x + 1) * v * Math.PI) / (2 * n));
      }
      coefficients.push(sum);
    }
  }
  const ac = coefficients.slice(1);
  const median = [...ac].sort((a, b) => a - b)[Math.floor(ac.length / 2)]!;
  let hash = 0n;
  for (let i = 0; i < 64; i++) hash = (hash << 1n) | (coefficients[i]! > median ? 1n : 0n);
  return hash;
}

/** 8x8 zero-mean luma and 4x4 chroma, in units of full scale, for the candidate search. */
export function coarseVectorOf(signature: Uint8Array): Float32Array {
  const vector = new Float32Array(64 + COLOUR_SIDE * COLOUR_SIDE * 2);
  const block = SIGNATURE_SIDE / 8;
  let mean = 0;
  for (let i = 0; i < SIGNATURE_SIDE * SIGNATURE_SIDE; i++) mean += signature[i]!;
  mean /= SIGNATURE_SIDE * SIGNATURE_SIDE;
  for (let by = 0; by < 8; by++) {
    for (let bx = 0; bx < 8; bx++) {
      let sum = 0;
      for (let y = 0; y < block; y++)
        for (let x = 0; x < block; x++) sum += signature[(by * block + y) * SIGNATURE_SIDE + bx * block + x]!;
      vector[by * 8 + bx] = (sum / (block * block) - mean) / 255;
    }
  }
  const colourStart = SIGNATURE_SIDE * SIGNATURE_SIDE;
  for (let cell = 0; cell < COLOUR_SIDE * COLOUR_SIDE; cell++) {
    const [r, g, b] = [0, 1, 2].map((c) => signature[colourStart + cell * 3 + c]!) as [
      number,
      number,
      number,
    ];
    vector[64 + cell * 2] = (r - g) / 255;
    vector[64 + cell * 2 + 1] = (b - g) / 255;
  }
  return vector;
}

/** Loose on purpose: candidates are verified by `isSamePicture`. */
export const COARSE_CANDIDATE_DISTANCE = 0.6;

/**
 * Same picture: the tone layout correlates strongly at 16x16 (tolerates resizing, recompression, light
 * crops), contrast within a brightness edit's range, and the same colours. Two different smooth photos
 * with the same layout fail on tones or colours even when their hashes agree.
 */
export function isSamePicture(a: Uint8Array, b: Uint8Array): boolean {
  return samePictureScore(a, b) !== null;
}

/** The verification's measurements, or null when the pair is not the same picture. */
export function samePictureScore(
  a: Uint8Array,
  b: Uint8Array,
): { correlation: number; colourDelta: number } | null {
  const la = downsampleLuma16(a);
  const lb = downsampleLuma16(b);
  const sa = stats(la);
  const sb = stats(lb);
  const colourDelta = meanColourDelta(a, b, sa.mean - sb.mean);
  if (colourDelta > 0.06) return null;
  const flat = 4;
  if (sa.std < flat || sb.std < flat) {
    const both = sa.std < flat && sb.std < flat;
    return both && Math.abs(sa.mean - sb.mean) < 20 ? { correlation: 1, colourDelta } : null;
  }
  const ratio = sa.std / sb.std;
  if (ratio < 0.6 || ratio > 1 / 0.6) return null;
  let covariance = 0;
  for (let i = 0; i < la.length; i++) covariance += (la[i]! - sa.mean) * (lb[i]! - sb.mean);
  const correlation = covariance / (la.length * sa.std * sb.std);
  return correlation >= 0.95 ? { correlation, colourDelta } : null;
}

function downsampleLuma16(signature: Uint8Array): Float64Array {
  const side = SIGNATURE_SIDE / 2;
  const out = new Float64Array(side * side);
  for (let y = 0; y < SIGNATURE_SIDE; y++)
    for (let x = 0; x < SIGNATURE_SIDE; x++)
      out[(y >> 1) * side + (x >> 1)]! += signature[y * SIGNATURE_SIDE + x]! / 4;
  return out;
}

function stats(values: Float64Array): { mean: number; std: number } {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let variance = 0;
  for (const v of values) variance += (v - mean) ** 2;
  return { mean, std: Math.sqrt(variance / values.length) };
}

/** Mean per-cell colour difference after removing the overall brightness shift, in units of full scale. */
function meanColourDelta(a: Uint8Array, b: Uint8Array, brightnessShift: number): number {
  const start = SIGNATURE_SIDE * SIGNATURE_SIDE;
  let total = 0;
  for (let i = start; i < SIGNATURE_LENGTH; i++) total += Math.abs(a[i]! - b[i]! - brightnessShift);
  return total / (SIGNATURE_LENGTH - start) / 255;
}
