import { describe, expect, it } from 'vitest';
import { photoLikeScene, render, withNoise, withPatch } from '../testing/syntheticPictures';
import { differenceMap } from './differenceMap';
import { alignPictures, asIs } from './imageAlignment';
import type { RgbaPicture } from './pictures';

const scene = photoLikeScene(31_415);
const original = render(scene, 240, 180);
const lit = [255, 32, 160];

/** Which pixels of the map are lit, as a set of `x,y`. */
function litPixels(map: { width: number; height: number; overlay: Uint8ClampedArray }): Set<string> {
  const pixels = new Set<string>();
  for (let y = 0; y < map.height; y++)
    for (let x = 0; x < map.width; x++) {
      const at = (y * map.width + x) * 4;
      if (lit.every((value, channel) => map.overlay[at + channel] === value)) pixels.add(`${x},${y}`);
    }
  return pixels;
}

function compare(reference: RgbaPicture, candidate: RgbaPicture) {
  return differenceMap(reference, candidate, alignPictures(reference, candidate).alignment);
}

describe('differenceMap', () => {
  it('finds nothing different in an identical copy', () => {
    const map = compare(original, render(scene, 240, 180));
    expect(map.differingFraction).toBe(0);
    expect(map.comparedFraction).toBe(1);
    expect(litPixels(map).size).toBe(0);
  });

  it('finds next to nothing in a noisy re-save or a resized copy', () => {
    expect(compare(original, withNoise(original, 12, 11)).differingFraction).toBeLessThan(0.005);
    expect(compare(original, render(scene, 160, 120)).differingFraction).toBeLessThan(0.02);
  });

  it('lights an edited region and only that region', () => {
    const patch = { left: 60, top: 40, width: 48, height: 36 };
    const edited = withPatch(withNoise(original, 8, 5), patch, [250, 250, 20]);
    const map = compare(original, edited);
    const pixels = litPixels(map);
    const inside = [...pixels].filter((key) => {
      const [x, y] = key.split(',').map(Number) as [number, number];
      return (
        x >= patch.left - 1 &&
        x <= patch.left + patch.width &&
        y >= patch.top - 1 &&
        y <= patch.top + patch.height
      );
    });
    const patchArea = patch.width * patch.height;
    // Nearly all of the patch (a shape in the scene may share its colour), and next to nothing elsewhere.
    expect(inside.length).toBeGreaterThan(patchArea * 0.8);
    expect(pixels.size - inside.length).toBeLessThan(original.width * original.height * 0.003);
    expect(map.differingFraction).toBeGreaterThan(0.03);
    expect(map.differingFraction).toBeLessThan(0.06);
  });

  it('compares a light crop only once aligned: lined up, it hardly differs; as it is, it differs widely', () => {
    const cropped = render(scene, 220, 165, { left: 0.05, top: 0.03, width: 0.9, height: 0.9 });
    expect(compare(original, cropped).differingFraction).toBeLessThan(0.03);
    expect(differenceMap(original, cropped, asIs).differingFraction).toBeGreaterThan(0.2);
  });

  it('leaves what lies off the reference out of the count, painted apart', () => {
    const crop = render(scene, 216, 162, { left: 0.05, top: 0.05, width: 0.9, height: 0.9 });
    // The original against its crop: its edges have nothing to compare with.
    const map = compare(crop, original);
    expect(map.comparedFraction).toBeCloseTo(0.81, 1);
    expect(map.differingFraction).toBeLessThan(0.03);
    const corner = [map.overlay[0], map.overlay[1], map.overlay[2]];
    expect(corner).toEqual([24, 44, 92]);
  });
});
