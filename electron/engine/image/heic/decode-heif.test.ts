import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QUADRANTS, quadrantColours } from '../../testing/orientation-fixture';
import { decodePhoto } from '../decode-photo';
import { decodeHeif, isHeic } from './decode-heif';

const FORMATS = join(__dirname, '..', '..', '..', '..', 'fixtures', 'formats');

function expectUpright(rgb: Buffer, width: number, height: number): void {
  const seen = quadrantColours(rgb, width, height);
  for (const [corner, colour] of Object.entries(QUADRANTS)) {
    const got = seen[corner as keyof typeof seen];
    got.forEach((value, channel) => expect(Math.abs(value - colour[channel]!), corner).toBeLessThan(40));
  }
}

// Fixtures made by electron/engine/testing/heic/make-heic-fixtures.ts (libheif + x265): stored sideways with
// irot/imir, the portrait one also with the iPhone's EXIF Orientation 6 and a capture date.
describe('HEIC decoding (libheif WASM)', () => {
  it('stands an iPhone portrait up once (irot applied, EXIF orientation not applied again)', async () => {
    const path = join(FORMATS, 'iphone-portrait.heic');
    expect(isHeic(await readFile(path))).toBe(true);
    const decoded = await decodePhoto(path, 48);
    expect(decoded.format).toBe('heic');
    expect([decoded.width, decoded.height]).toEqual([96, 144]);
    expect(decoded.rgbWidth).toBe(48);
    expect(decoded.rgbHeight).toBe(72);
    expect(decoded.takenAt).toBe('2021-07-04T09:30:15.000');
    expectUpright(decoded.rgb, decoded.rgbWidth, decoded.rgbHeight);
  });

  it('applies a mirror and a turn together (imir + irot), without EXIF', async () => {
    const decoded = await decodePhoto(join(FORMATS, 'mirrored-selfie.heic'), 48);
    expect([decoded.width, decoded.height]).toEqual([144, 96]);
    expect(decoded.takenAt).toBeNull();
    expectUpright(decoded.rgb, decoded.rgbWidth, decoded.rgbHeight);
  });

  it('decodes a HEIC from memory too (search by an uploaded photo)', async () => {
    const decoded = await decodePhoto(await readFile(join(FORMATS, 'iphone-portrait.heic')), 48);
    expect([decoded.width, decoded.height]).toEqual([96, 144]);
  });

  it('recognises a HEIC by its bytes, whatever its name says', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'doppel-heic-'));
    try {
      const misnamed = join(dir, 'exported.JPG');
      await copyFile(join(FORMATS, 'iphone-portrait.heic'), misnamed);
      const decoded = await decodePhoto(misnamed, 48);
      expect([decoded.format, decoded.width, decoded.height]).toEqual(['heic', 96, 144]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports a damaged HEIC in plain words', async () => {
    const bytes = await readFile(join(FORMATS, 'iphone-portrait.heic'));
    const cut = bytes.subarray(0, Math.floor(bytes.length / 2));
    await expect(decodePhoto(cut, 48)).rejects.toThrow(/damaged|HEIC/);
  });

  it('refuses a HEIC over the pixel limit before decoding it', async () => {
    const bytes = await readFile(join(FORMATS, 'iphone-portrait.heic'));
    await expect(decodeHeif(bytes, 96 * 144 - 1)).rejects.toThrow(/pixel limit/);
    expect((await decodeHeif(bytes, 96 * 144)).width).toBe(96);
  });

  it('leaves AVIF (also HEIF) to sharp', async () => {
    const sharp = (await import('sharp')).default;
    const avif = await sharp({ create: { width: 32, height: 16, channels: 3, background: '#c33' } })
      .avif()
      .toBuffer();
    expect(isHeic(avif)).toBe(false);
    const decoded = await decodePhoto(avif, 16);
    expect(decoded.format).toBe('heif');
    expect([decoded.width, decoded.height]).toEqual([32, 16]);
  });
});
