import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { orientationFixture } from '../testing/orientation-fixture';
import { applyOrientation } from './orientation';

describe('applyOrientation', () => {
  // sharp's own EXIF auto-orientation is the reference: tag a JPEG, let sharp stand it up, compare.
  for (let orientation = 1; orientation <= 8; orientation++) {
    it(`matches sharp's EXIF handling for orientation ${orientation}`, async () => {
      const raw = { width: 40, height: 24, channels: 3 as const };
      const pixels = orientationFixture(raw.width, raw.height);
      const png = await sharp(pixels, { raw }).png().toBuffer();
      const tagged = await sharp(png).withMetadata({ orientation }).jpeg({ quality: 100 }).toBuffer();
      const reference = await sharp(tagged).rotate().raw().toBuffer({ resolveWithObject: true });
      const ours = await applyOrientation(sharp(png), orientation)
        .raw()
        .toBuffer({ resolveWithObject: true });
      expect([ours.info.width, ours.info.height]).toEqual([reference.info.width, reference.info.height]);
      let differing = 0;
      for (let i = 0; i < ours.data.length; i++)
        if (Math.abs(ours.data[i]! - reference.data[i]!) > 40) differing++;
      expect(differing / ours.data.length).toBeLessThan(0.03); // JPEG edges only
    });
  }
});
