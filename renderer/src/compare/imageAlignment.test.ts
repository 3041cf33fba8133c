import { describe, expect, it } from 'vitest';
import { photoLikeScene, render, withNoise } from '../testing/syntheticPictures';
import { alignPictures, asIs } from './imageAlignment';

const scene = photoLikeScene(20_240_301);
const original = render(scene, 240, 180);

describe('alignPictures', () => {
  it('leaves an identical copy as it is, with no difference', () => {
    const result = alignPictures(original, render(scene, 240, 180));
    expect(result.alignment).toEqual(asIs);
    expect(result.meanDifference).toBe(0);
  });

  it('leaves a noisy re-save and a resized copy as they are', () => {
    expect(alignPictures(original, withNoise(original, 12, 7)).alignment).toEqual(asIs);
    expect(alignPictures(original, render(scene, 120, 90)).alignment).toEqual(asIs);
  });

  it('finds where a light crop of the reference came from', () => {
    // 8% off the left, 4% off the right, 5% off the top: the copy keeps 88% × 88%, the reference's shape.
    const cropped = withNoise(
      render(scene, 200, 150, { left: 0.08, top: 0.05, width: 0.88, height: 0.88 }),
      6,
      3,
    );
    const { alignment } = alignPictures(original, cropped);
    expect(alignment.offsetX).toBeCloseTo(0.08, 2);
    expect(alignment.offsetY).toBeCloseTo(0.05, 2);
    expect(alignment.scaleX).toBeCloseTo(0.88, 2);
    expect(alignment.scaleY).toBeCloseTo(0.88, 2);
  });

  it('finds a crop that changed the shape, and the other way round: the reference is the crop', () => {
    // A 4:3 original cropped to 10% narrower: the crop is taller for its width than the original.
    const narrower = render(scene, 216, 180, { left: 0.06, top: 0, width: 0.9, height: 1 });
    const narrow = alignPictures(original, narrower).alignment;
    expect(narrow.offsetX).toBeCloseTo(0.06, 2);
    expect(narrow.scaleX).toBeCloseTo(0.9, 2);
    expect(narrow.scaleY).toBeCloseTo(1, 2);

    const reversed = alignPictures(narrower, original).alignment;
    // The original seen on the crop: it starts 0.06/0.9 before the crop's left edge and spans 1/0.9 of it.
    expect(reversed.scaleX).toBeCloseTo(1 / 0.9, 2);
    expect(reversed.offsetX).toBeCloseTo(-0.06 / 0.9, 2);
  });

  it('compares photos of shapes no light crop explains as they are', () => {
    const square = render(scene, 180, 180);
    expect(alignPictures(original, square, { maxCrop: 0.1 }).alignment).toEqual(asIs);
  });
});
