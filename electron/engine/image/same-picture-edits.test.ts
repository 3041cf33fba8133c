import type sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { burstFramePixels, photoLikePixels, rawImage } from '../testing/photo-fixtures';
import { decodePhoto } from './decode-photo';
import { fingerprintPixels } from './perceptual-fingerprint';
import { COARSE_CANDIDATE_DISTANCE, samePictureScore } from './same-picture-check';

const isSamePicture = (a: Uint8Array, b: Uint8Array) => samePictureScore(a, b) !== null;

async function fingerprintOf(image: sharp.Sharp) {
  const decoded = await decodePhoto(await image.toBuffer(), 224);
  return fingerprintPixels(decoded.rgb, decoded.rgbWidth, decoded.rgbHeight);
}

function l2(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(sum);
}

/** Edits beyond the basic planted set: what phone galleries and editors do to a photo. */
const HARDER_EDITS: Record<string, (image: sharp.Sharp) => sharp.Sharp> = {
  'crop 10% off the left and top': (image) => image.extract({ left: 64, top: 48, width: 576, height: 432 }),
  'centre crop 15%': (image) => image.extract({ left: 48, top: 36, width: 544, height: 408 }),
  '5:4 crop of a 4:3 photo, then resized': (image) =>
    image.extract({ left: 20, top: 0, width: 600, height: 480 }).resize(375, 300),
  'gamma curve (lifted shadows)': (image) => image.gamma(2.2, 1.6),
  'darkened and recompressed': (image) => image.modulate({ brightness: 0.85 }).jpeg({ quality: 55 }),
  'saturation boost': (image) => image.modulate({ saturation: 1.25 }),
};

describe('same picture under harder edits', () => {
  for (const seed of [11, 23, 57]) {
    for (const [name, edit] of Object.entries(HARDER_EDITS)) {
      it(`seed ${seed}: ${name}`, async () => {
        const pixels = photoLikePixels(seed);
        const original = await fingerprintOf(rawImage(pixels).jpeg({ quality: 92 }));
        const edited = await fingerprintOf(edit(rawImage(pixels)).jpeg({ quality: 85 }));
        expect(isSamePicture(original.signature, edited.signature)).toBe(true);
        expect(isSamePicture(edited.signature, original.signature)).toBe(true);
        expect(l2(original.coarseVector, edited.coarseVector)).toBeLessThanOrEqual(COARSE_CANDIDATE_DISTANCE);
      });
    }
  }
});

describe('not the same picture', () => {
  it('keeps the frames of a burst (a subject moving across the scene) apart', async () => {
    const frames = await Promise.all(
      [0, 2, 4, 6].map((frame) =>
        fingerprintOf(rawImage(burstFramePixels(31337, frame)).jpeg({ quality: 90 })),
      ),
    );
    for (let i = 0; i < frames.length; i++)
      for (let j = i + 1; j < frames.length; j++)
        expect(isSamePicture(frames[i]!.signature, frames[j]!.signature), `frames ${i} and ${j}`).toBe(false);
  });

  it('keeps a photo apart from a different photo cropped to a similar layout', async () => {
    const a = await fingerprintOf(rawImage(photoLikePixels(101)).jpeg());
    for (const seed of [102, 103, 104, 105]) {
      const b = await fingerprintOf(
        rawImage(photoLikePixels(seed)).extract({ left: 32, top: 24, width: 576, height: 432 }).jpeg(),
      );
      expect(isSamePicture(a.signature, b.signature), `seed ${seed}`).toBe(false);
    }
  });
});
