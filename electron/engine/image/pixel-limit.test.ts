import { describe, expect, it } from 'vitest';
import { pngHeaderOnly } from '../testing/library-fixture';
import { decodePhoto } from './decode-photo';

/** The decompression-bomb limit must refuse bombs, not the photos of medium-format cameras or panoramas. */
describe('pixel limit', () => {
  it('opens a 102-megapixel photo (Fujifilm GFX100, Hasselblad X2D) rather than calling it too large', async () => {
    // Header only: the decode then fails for lack of pixel data, which proves the limit let it through.
    const error = await decodePhoto(pngHeaderOnly(11_648, 8_736), 224).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toMatch(/too large/);
  });

  it('refuses an image over 300 megapixels from its header', async () => {
    await expect(decodePhoto(pngHeaderOnly(20_000, 16_000), 224)).rejects.toThrow(
      'image is too large to open safely (over 300 megapixels)',
    );
  });
});
