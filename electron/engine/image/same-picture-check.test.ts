import { describe, expect, it } from 'vitest';
import type sharp from 'sharp';
import { gradientPixels, photoLikePixels, PLANTED_EDITS, rawImage } from '../testing/photo-fixtures';
import { decodePhoto } from './decode-photo';
import { fingerprintPixels, SIGNATURE_LENGTH, type PerceptualFingerprint } from './perceptual-fingerprint';
import { COARSE_CANDIDATE_DISTANCE, samePictureScore } from './same-picture-check';

const isSamePicture = (a: Uint8Array, b: Uint8Array) => samePictureScore(a, b) !== null;

// The indexer's path: encoded bytes -> small upright decode -> fingerprint.
const SHORT_SIDE = 224;

async function fingerprintOf(image: sharp.Sharp): Promise<PerceptualFingerprint> {
  const decoded = await decodePhoto(await image.toBuffer(), SHORT_SIDE);
  return fingerprintPixels(decoded.rgb, decoded.rgbWidth, decoded.rgbHeight);
}

function l2(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(sum);
}

/**
 * A classic 9x8 difference hash (box-averaged luma, bit = left < right). Not used by the engine: it is here
 * to document why the engine keeps tones, since every same-direction smooth gradient gets the same dHash.
 */
async function differenceHash(image: sharp.Sharp): Promise<string> {
  const decoded = await decodePhoto(await image.toBuffer(), SHORT_SIDE);
  const { rgb, rgbWidth: width, rgbHeight: height } = decoded;
  const cols = 9;
  const rows = 8;
  const sums = new Float64Array(cols * rows);
  const counts = new Float64Array(cols * rows);
  for (let y = 0; y < height; y++) {
    const row = Math.floor((y * rows) / height);
    for (let x = 0; x < width; x++) {
      const cell = row * cols + Math.floor((x * cols) / width);
      const p = (y * width + x) * 3;
      sums[cell]! += 0.299 * rgb[p]! + 0.587 * rgb[p + 1]! + 0.114 * rgb[p + 2]!;
      counts[cell]! += 1;
    }
  }
  let bits = '';
  for (let row = 0; row < rows; row++)
    for (let col = 0; col < cols - 1; col++) {
      const left = sums[row * cols + col]! / counts[row * cols + col]!;
      const right = sums[row * cols + col + 1]! / counts[row * cols + col + 1]!;
      bits += left < right ? '1' : '0';
    }
  return bits;
}

const SEEDS = [1, 2, 3, 7, 42];

// Generating a photo-like image costs more than fingerprinting it, so each seed is drawn once per file.
const pixelCache = new Map<number, Buffer>();
function photoPixels(seed: number): Buffer {
  let pixels = pixelCache.get(seed);
  if (!pixels) pixelCache.set(seed, (pixels = photoLikePixels(seed)));
  return pixels;
}

describe('perceptual signature: planted edits of photo-like images', () => {
  it('recognises every planted edit as the same picture, within the coarse candidate distance', async () => {
    for (const seed of SEEDS) {
      const pixels = photoPixels(seed);
      const original = await fingerprintOf(rawImage(pixels).png());
      expect(original.signature).toHaveLength(SIGNATURE_LENGTH);
      for (const [name, edit] of Object.entries(PLANTED_EDITS)) {
        const edited = await fingerprintOf(edit(rawImage(pixels)));
        expect(isSamePicture(original.signature, edited.signature), `seed ${seed}, ${name}`).toBe(true);
        // The verdict is symmetric: the engine may meet the pair in either order.
        expect(isSamePicture(edited.signature, original.signature), `seed ${seed}, ${name} reversed`).toBe(
          true,
        );
        // Otherwise the candidate search in ClickHouse would never propose the pair for verification.
        expect(l2(original.coarseVector, edited.coarseVector), `seed ${seed}, ${name}`).toBeLessThanOrEqual(
          COARSE_CANDIDATE_DISTANCE,
        );
      }
    }
  });

  it('tells different photos apart', async () => {
    const fingerprints = await Promise.all(
      SEEDS.map((seed) => fingerprintOf(rawImage(photoPixels(seed)).png())),
    );
    for (let i = 0; i < fingerprints.length; i++) {
      for (let j = i + 1; j < fingerprints.length; j++) {
        const label = `seeds ${SEEDS[i]} and ${SEEDS[j]}`;
        expect(isSamePicture(fingerprints[i]!.signature, fingerprints[j]!.signature), label).toBe(false);
        // Different layouts should not even be candidates, or every pair would cost a verification.
        expect(l2(fingerprints[i]!.coarseVector, fingerprints[j]!.coarseVector), label).toBeGreaterThan(
          COARSE_CANDIDATE_DISTANCE,
        );
      }
    }
  });
});

describe('perceptual signature: smooth gradients', () => {
  const gradients: Record<string, [number[], number[]]> = {
    'blue->white': [
      [0, 0, 255],
      [255, 255, 255],
    ],
    'red->white': [
      [255, 0, 0],
      [255, 255, 255],
    ],
    'green->white': [
      [0, 255, 0],
      [255, 255, 255],
    ],
    'black->grey': [
      [0, 0, 0],
      [128, 128, 128],
    ],
    'black->white': [
      [0, 0, 0],
      [255, 255, 255],
    ],
    'white->blue': [
      [255, 255, 255],
      [0, 0, 255],
    ],
  };
  const gradient = (name: string) => rawImage(gradientPixels(...gradients[name]!));

  it('gives the same difference hash to every left-to-right brightening gradient (why tones matter)', async () => {
    const brightening = ['blue->white', 'red->white', 'green->white', 'black->grey', 'black->white'];
    const hashes = await Promise.all(brightening.map((name) => differenceHash(gradient(name).png())));
    expect(new Set(hashes).size).toBe(1);
    expect(hashes[0]).toBe('1'.repeat(64));
    // The reversed gradient's dHash is the complement: a hash tells it apart, so the signature must too.
    expect(await differenceHash(gradient('white->blue').png())).toBe('0'.repeat(64));
  });

  it('does not call gradients with the same layout but other colours or tonal range the same picture', async () => {
    const names = Object.keys(gradients);
    const fingerprints = await Promise.all(names.map((name) => fingerprintOf(gradient(name).png())));
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const label = `${names[i]} vs ${names[j]}`;
        // One is the other mirrored left to right: a mirrored copy, the same picture (not at the strict level).
        if (label === 'blue->white vs white->blue') {
          expect(samePictureScore(fingerprints[i]!.signature, fingerprints[j]!.signature)?.level).toBe(
            'normal',
          );
          continue;
        }
        expect(isSamePicture(fingerprints[i]!.signature, fingerprints[j]!.signature), label).toBe(false);
        expect(isSamePicture(fingerprints[j]!.signature, fingerprints[i]!.signature), label).toBe(false);
      }
    }
  });

  it('calls a gradient and its own resized or recompressed copy the same picture', async () => {
    const copies = ['resized-half.jpg', 'recompressed.jpg', 'reencoded.webp'];
    for (const name of Object.keys(gradients)) {
      const original = await fingerprintOf(gradient(name).png());
      for (const copy of copies) {
        const edited = await fingerprintOf(PLANTED_EDITS[copy]!(gradient(name)));
        expect(isSamePicture(original.signature, edited.signature), `${name}, ${copy}`).toBe(true);
        expect(l2(original.coarseVector, edited.coarseVector), `${name}, ${copy}`).toBeLessThanOrEqual(
          COARSE_CANDIDATE_DISTANCE,
        );
      }
    }
  });
});
