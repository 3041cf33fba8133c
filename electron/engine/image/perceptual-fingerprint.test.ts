import type sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { photoLikePixels, rawImage } from '../testing/photo-fixtures';
import { decodePhoto } from './decode-photo';
import { fingerprintPixels, SIGNATURE_LENGTH } from './perceptual-fingerprint';

// The indexer's path: encoded bytes -> small upright decode -> fingerprint.
async function fingerprintOf(image: sharp.Sharp) {
  const decoded = await decodePhoto(await image.toBuffer(), 224);
  return fingerprintPixels(decoded.rgb, decoded.rgbWidth, decoded.rgbHeight);
}

describe('perceptual fingerprint', () => {
  it('is stable for the same input', async () => {
    const pixels = photoLikePixels(5);
    const first = await fingerprintOf(rawImage(pixels).png());
    const second = await fingerprintOf(rawImage(pixels).png());
    expect(first.signature).toHaveLength(SIGNATURE_LENGTH);
    expect(second.signature).toEqual(first.signature);
    expect(second.coarseVector).toEqual(first.coarseVector);

    // Straight from the same pixels, without encoding, too.
    const direct = fingerprintPixels(pixels, 640, 480);
    expect(fingerprintPixels(Buffer.from(pixels), 640, 480)).toEqual(direct);
  });

  it('differs between different photos', async () => {
    const a = await fingerprintOf(rawImage(photoLikePixels(1)).png());
    const b = await fingerprintOf(rawImage(photoLikePixels(2)).png());
    expect(a.signature).not.toEqual(b.signature);
    expect(a.coarseVector).not.toEqual(b.coarseVector);
  });
});
