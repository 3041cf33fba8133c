import { seededRandom } from '../../../shared/testing/seeded-random';
import type { RgbaPicture } from '../compare/pictures';

type Scene = (u: number, v: number) => [number, number, number];

/**
 * A photo-like scene defined at every point of the unit square: smooth colour fields, finer detail and a few
 * sharp-edged shapes, with no repeat, so any crop of it can be rendered exactly and lines up one way only.
 */
export function photoLikeScene(seed: number): Scene {
  const random = seededRandom(seed);
  const grid = (columns: number, rows: number) =>
    Array.from({ length: (columns + 1) * (rows + 1) }, () => [random(), random(), random()]);
  const coarse = grid(6, 5);
  const fine = grid(23, 17);
  const shapes = Array.from({ length: 7 }, () => ({
    left: random() * 0.8,
    top: random() * 0.8,
    width: 0.05 + random() * 0.2,
    height: 0.05 + random() * 0.2,
    colour: [random(), random(), random()],
  }));
  const field = (
    values: number[][],
    columns: number,
    rows: number,
    u: number,
    v: number,
    channel: number,
  ) => {
    const x = Math.min(columns - 1e-9, Math.max(0, u * columns));
    const y = Math.min(rows - 1e-9, Math.max(0, v * rows));
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const tx = x - x0;
    const ty = y - y0;
    const at = (cx: number, cy: number) => values[cy * (columns + 1) + cx]![channel]!;
    return (
      (at(x0, y0) * (1 - tx) + at(x0 + 1, y0) * tx) * (1 - ty) +
      (at(x0, y0 + 1) * (1 - tx) + at(x0 + 1, y0 + 1) * tx) * ty
    );
  };
  return (u, v) => {
    const colour = [0, 1, 2].map(
      (channel) => 0.7 * field(coarse, 6, 5, u, v, channel) + 0.3 * field(fine, 23, 17, u, v, channel),
    );
    for (const shape of shapes)
      if (u >= shape.left && u < shape.left + shape.width && v >= shape.top && v < shape.top + shape.height)
        for (let channel = 0; channel < 3; channel++) colour[channel] = shape.colour[channel]!;
    return [colour[0]! * 255, colour[1]! * 255, colour[2]! * 255];
  };
}

export interface SceneWindow {
  left: number;
  top: number;
  width: number;
  height: number;
}

const whole: SceneWindow = { left: 0, top: 0, width: 1, height: 1 };

/** The part `window` (relative to the scene) of a scene, rendered at width × height pixels. */
export function render(
  scene: Scene,
  width: number,
  height: number,
  window: SceneWindow = whole,
): RgbaPicture {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const [r, g, b] = scene(
        window.left + (window.width * (x + 0.5)) / width,
        window.top + (window.height * (y + 0.5)) / height,
      );
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  return { width, height, data };
}

/** A copy with every channel moved by up to ± `amount` at random: what a lossy re-save does, roughly. */
export function withNoise(picture: RgbaPicture, amount: number, seed: number): RgbaPicture {
  const random = seededRandom(seed);
  const data = Uint8ClampedArray.from(picture.data as ArrayLike<number>);
  for (let at = 0; at < data.length; at++)
    if (at % 4 !== 3) data[at] = data[at]! + (random() * 2 - 1) * amount;
  return { width: picture.width, height: picture.height, data };
}

/** A copy with a rectangle (in pixels) painted over in one colour: a local edit. */
export function withPatch(
  picture: RgbaPicture,
  patch: { left: number; top: number; width: number; height: number },
  colour: [number, number, number],
): RgbaPicture {
  const data = Uint8ClampedArray.from(picture.data as ArrayLike<number>);
  for (let y = patch.top; y < patch.top + patch.height; y++)
    for (let x = patch.left; x < patch.left + patch.width; x++) data.set(colour, (y * picture.width + x) * 4);
  return { width: picture.width, height: picture.height, data };
}
