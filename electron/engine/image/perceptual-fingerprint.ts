/**
 * The model-free fingerprint the indexer stores for each photo, so "same picture" is decided without CLIP
 * and a library can be de-duplicated before any model is downloaded. Computed once per photo at index time;
 * pairing compares them later (same-picture-check.ts).
 *
 * - `signature`: 32x32 luma plus a 4x4 RGB colour grid, as bytes. It keeps the actual tones, not just their
 *   signs, which is what tells apart two smooth gradients that a difference hash maps to the same bits.
 * - `coarseVector`: a short vector derived from the signature whose L2 distance finds candidate pairs in
 *   ClickHouse; `samePictureScore` (same-picture-check.ts) then verifies each candidate on the full signature.
 * - A photo that sits inside uniform bars (letterboxed into a phone screenshot, pillarboxed, framed) gets a
 *   second signature after the first, of what is inside the bars, and its coarse vector is that content's:
 *   so the screenshot is found as a candidate of the photo itself (see `contentBox`).
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
  const full = signatureOf(rgb, width, height);
  const box = contentBox(rgb, width, height);
  if (!box) return { signature: full, coarseVector: coarseVectorOf(full) };
  const content = signatureOf(cropPixels(rgb, width, box), box.width, box.height);
  const signature = new Uint8Array(2 * SIGNATURE_LENGTH);
  signature.set(full);
  signature.set(content, SIGNATURE_LENGTH);
  return { signature, coarseVector: coarseVectorOf(content) };
}

/**
 * The views a stored signature holds: the whole frame, then (for a photo inside bars) its content. Older
 * rows, and photos without bars, hold the whole frame only.
 */
export function signatureViews(signature: Uint8Array): Uint8Array[] {
  if (signature.length < 2 * SIGNATURE_LENGTH) return [signature];
  return [
    signature.subarray(0, SIGNATURE_LENGTH),
    signature.subarray(SIGNATURE_LENGTH, 2 * SIGNATURE_LENGTH),
  ];
}

/** The signature of the photo mirrored left to right: each row of the luma and the colour grid reversed. */
export function mirroredSignature(signature: Uint8Array): Uint8Array {
  const mirrored = new Uint8Array(SIGNATURE_LENGTH);
  for (let row = 0; row < SIGNATURE_SIDE; row++)
    for (let col = 0; col < SIGNATURE_SIDE; col++)
      mirrored[row * SIGNATURE_SIDE + col] = signature[row * SIGNATURE_SIDE + SIGNATURE_SIDE - 1 - col]!;
  const start = SIGNATURE_SIDE * SIGNATURE_SIDE;
  for (let row = 0; row < COLOUR_SIDE; row++)
    for (let col = 0; col < COLOUR_SIDE; col++)
      for (let c = 0; c < 3; c++)
        mirrored[start + (row * COLOUR_SIDE + col) * 3 + c] =
          signature[start + (row * COLOUR_SIDE + COLOUR_SIDE - 1 - col) * 3 + c]!;
  return mirrored;
}

function signatureOf(rgb: Uint8Array, width: number, height: number): Uint8Array {
  const luma = resampleLuma(rgb, width, height, SIGNATURE_SIDE);
  const colour = resampleRgb(rgb, width, height, COLOUR_SIDE);
  const signature = new Uint8Array(SIGNATURE_LENGTH);
  for (let i = 0; i < luma.length; i++) signature[i] = Math.round(luma[i]!);
  signature.set(colour.map(Math.round), luma.length);
  return signature;
}

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Bars are lines (rows or columns) of one flat tone: at least BAR_LINE_SHARE of their pixels within
 * BAR_TOLERANCE of the line's median luma. Screen bars are flat to the pixel and stay so through JPEG at
 * quality 10; a sky or a wall in a photo has sensor noise and gradients, and rarely flat lines on both
 * sides of the rest. A status bar strip (icons on the bar) is not flat: it is skipped as a short run of
 * its own, since the content is the longest run of lines that are not bars.
 */
const BAR_TOLERANCE = 6;
const BAR_LINE_SHARE = 0.97;
/** The bars on each side of the content: at least this share of the frame each, or nothing is trimmed. */
const MIN_BAR_SHARE = 0.04;
/** The content: at least this share of the frame, so a flat photo with one busy strip is not "content". */
const MIN_CONTENT_SHARE = 0.3;

/**
 * The part of a frame inside uniform bars on two opposite sides (top and bottom, or left and right, or
 * both), or null when there are none. Rows are looked at first over the whole width, then columns over the
 * content's rows, so a photo letterboxed and pillarboxed at once is found too.
 */
export function contentBox(rgb: Uint8Array, width: number, height: number): Box | null {
  const luma = new Float32Array(width * height);
  for (let i = 0; i < luma.length; i++)
    luma[i] = 0.299 * rgb[i * 3]! + 0.587 * rgb[i * 3 + 1]! + 0.114 * rgb[i * 3 + 2]!;
  const rows = contentRun(height, (row) => isFlatLine(luma, row * width, 1, width));
  const top = rows?.start ?? 0;
  const bottom = rows?.end ?? height;
  const columns = contentRun(width, (col) => isFlatLine(luma, top * width + col, width, bottom - top));
  if (!rows && !columns) return null;
  const left = columns?.start ?? 0;
  const right = columns?.end ?? width;
  // Too few pixels left to fill the signature's grid: the whole frame is all there is.
  if (right - left < SIGNATURE_SIDE || bottom - top < SIGNATURE_SIDE) return null;
  return { left, top, width: right - left, height: bottom - top };
}

function isFlatLine(luma: Float32Array, start: number, step: number, count: number): boolean {
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = luma[start + i * step]!;
  const median = values.slice().sort()[count >> 1]!;
  let flat = 0;
  for (const value of values) if (Math.abs(value - median) <= BAR_TOLERANCE) flat++;
  return flat >= BAR_LINE_SHARE * count;
}

/** The longest run of lines that are not bars, when bars of their own lie on both sides of it. */
function contentRun(count: number, isBar: (line: number) => boolean): { start: number; end: number } | null {
  const bar = Array.from({ length: count }, (_, line) => isBar(line));
  let best = { start: 0, end: 0 };
  for (let line = 0; line < count;) {
    if (bar[line]) {
      line++;
      continue;
    }
    const start = line;
    while (line < count && !bar[line]) line++;
    if (line - start > best.end - best.start) best = { start, end: line };
  }
  if (best.end - best.start < MIN_CONTENT_SHARE * count) return null;
  const minBar = Math.max(1, Math.ceil(MIN_BAR_SHARE * count));
  const barBefore = countWhile(bar, best.start - 1, -1);
  const barAfter = countWhile(bar, best.end, 1);
  return barBefore >= minBar && barAfter >= minBar ? best : null;
}

function countWhile(bar: boolean[], from: number, step: 1 | -1): number {
  let n = 0;
  for (let line = from; line >= 0 && line < bar.length && bar[line]; line += step) n++;
  return n;
}

function cropPixels(rgb: Uint8Array, width: number, box: Box): Uint8Array {
  const out = new Uint8Array(box.width * box.height * 3);
  for (let row = 0; row < box.height; row++) {
    const from = ((box.top + row) * width + box.left) * 3;
    out.set(rgb.subarray(from, from + box.width * 3), row * box.width * 3);
  }
  return out;
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
