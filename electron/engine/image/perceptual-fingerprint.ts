/**
 * The model-free fingerprint the indexer stores for each photo, so "same picture" is decided without CLIP
 * and a library can be de-duplicated before any model is downloaded. Computed once per photo at index time;
 * pairing compares them later (same-picture-check.ts).
 *
 * - `signature`: 32x32 luma plus a 4x4 RGB colour grid, as bytes. It keeps the actual tones, not just their
 *   signs, which is what tells apart two smooth gradients that a difference hash maps to the same bits.
 * - `coarseVector`: a short vector derived from the signature whose L2 distance finds candidate pairs in
 *   ClickHouse; `samePictureScore` (same-picture-check.ts) then verifies each candidate on the full signature.
 */
export const SIGNATURE_SIDE = 32;
/** The colour grid after the luma in a signature: COLOUR_SIDE x COLOUR_SIDE cells of RGB. */
export const COLOUR_SIDE = 4;
export const SIGNATURE_LENGTH = SIGNATURE_SIDE * SIGNATURE_SIDE + COLOUR_SIDE * COLOUR_SIDE * 3;

export interface PerceptualFingerprint {
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
  return { signature, coarseVector: coarseVectorOf(signature) };
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
