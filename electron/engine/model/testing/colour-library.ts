import { join } from 'node:path';
import { photoLikePixels, rawImage, writeImage } from '../../testing/photo-fixtures';
import { seededRandom } from '../../testing/seeded-random';

export type Colour = 'red' | 'green' | 'blue';
export const COLOURS: Record<Colour, [number, number, number]> = {
  red: [220, 30, 25],
  green: [30, 200, 40],
  blue: [25, 40, 220],
};

export interface ColourLibrary {
  root: string;
  /** Photos dominated by each colour: a noisy near-solid one and a photo-like one washed with the colour. */
  byColour: Record<Colour, string[]>;
  /** Photo-like pictures with no dominant colour. */
  neutral: string[];
}

/** Near-solid colour with sensor noise. */
function noisyColourPixels(colour: readonly number[], seed: number, width = 640, height = 480): Buffer {
  const random = seededRandom(seed);
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++)
    for (let c = 0; c < 3; c++)
      pixels[i * 3 + c] = Math.max(0, Math.min(255, colour[c]! + (random() - 0.5) * 60));
  return pixels;
}

/** A photo-like picture seen through a strong colour cast (a red sunset, a green forest, blue hour). */
function tintedPhotoPixels(colour: readonly number[], seed: number, strength = 0.6): Buffer {
  const pixels = photoLikePixels(seed);
  for (let i = 0; i < pixels.length; i++)
    pixels[i] = Math.round(pixels[i]! * (1 - strength) + colour[i % 3]! * strength);
  return pixels;
}

export async function makeColourLibrary(root: string): Promise<ColourLibrary> {
  const byColour = { red: [], green: [], blue: [] } as Record<Colour, string[]>;
  let seed = 100;
  for (const [name, colour] of Object.entries(COLOURS) as [Colour, [number, number, number]][]) {
    const solid = join(root, 'colours', `${name}-wall.jpg`);
    await writeImage(solid, rawImage(noisyColourPixels(colour, seed++)).jpeg({ quality: 90 }));
    const tinted = join(root, 'trips', `${name}-cast.jpg`);
    await writeImage(tinted, rawImage(tintedPhotoPixels(colour, seed++)).jpeg({ quality: 90 }));
    byColour[name].push(solid, tinted);
  }
  const neutral: string[] = [];
  for (let i = 0; i < 4; i++) {
    const path = join(root, 'trips', `street-${i}.jpg`);
    await writeImage(path, rawImage(photoLikePixels(5000 + i)).jpeg({ quality: 90 }));
    neutral.push(path);
  }
  return { root, byColour, neutral };
}
