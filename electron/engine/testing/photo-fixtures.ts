import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import sharp from 'sharp';
import { seededRandom } from './seeded-random';

/**
 * A photo-like image: a sky-to-ground background gradient with a dozen soft coloured blobs and sensor
 * noise, so each seed gives a different layout (what any embedding, even the tiny test model, can see).
 */
export function photoLikePixels(seed: number, width = 640, height = 480): Buffer {
  const random = seededRandom(seed);
  const top = [random() * 255, random() * 255, random() * 255];
  const bottom = [random() * 255, random() * 255, random() * 255];
  const blobs = Array.from({ length: 12 }, () => ({
    x: random() * width,
    y: random() * height,
    r: (0.05 + random() * 0.2) * width,
    colour: [random() * 255, random() * 255, random() * 255],
  }));
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = y / height;
      const rgb = [0, 1, 2].map((c) => top[c]! * (1 - t) + bottom[c]! * t);
      for (const blob of blobs) {
        const d = Math.hypot(x - blob.x, y - blob.y) / blob.r;
        if (d < 1) {
          const w = (1 - d * d) ** 2;
          for (let c = 0; c < 3; c++) rgb[c] = rgb[c]! * (1 - w) + blob.colour[c]! * w;
        }
      }
      const noise = (random() - 0.5) * 16;
      for (let c = 0; c < 3; c++)
        pixels[(y * width + x) * 3 + c] = Math.max(0, Math.min(255, rgb[c]! + noise));
    }
  }
  return pixels;
}

/** A smooth two-colour gradient: low-detail photos (sky, walls) that share a layout but not their tones. */
export function gradientPixels(from: number[], to: number[], width = 640, height = 480): Buffer {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const t = x / (width - 1);
      for (let c = 0; c < 3; c++)
        pixels[(y * width + x) * 3 + c] = Math.round(from[c]! * (1 - t) + to[c]! * t);
    }
  return pixels;
}

export function rawImage(pixels: Buffer, width = 640, height = 480): sharp.Sharp {
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

export async function writeImage(path: string, image: sharp.Sharp): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, await image.toBuffer());
}

/** The edits a library accumulates: each yields the same picture in other bytes. */
export const PLANTED_EDITS: Record<string, (image: sharp.Sharp) => sharp.Sharp> = {
  'resized-half.jpg': (image) => image.resize(320, 240).jpeg({ quality: 80 }),
  'recompressed.jpg': (image) => image.jpeg({ quality: 45 }),
  'reencoded.webp': (image) => image.webp({ quality: 70 }),
  'cropped.png': (image) => image.extract({ left: 16, top: 12, width: 608, height: 456 }).png(),
  'brightened.jpg': (image) => image.modulate({ brightness: 1.15 }).jpeg({ quality: 90 }),
};

/**
 * A burst: the same scene with a subject (a yellow box) that moves across it frame by frame. Neighbouring
 * frames are close, the ends are not: what must split rather than chain.
 */
export function burstFramePixels(seed: number, frame: number, width = 640, height = 480): Buffer {
  const pixels = photoLikePixels(seed, width, height);
  const left = Math.round(width * (0.06 + frame * 0.094));
  for (let y = Math.round(height * 0.62); y < Math.round(height * 0.87); y++)
    for (let x = left; x < Math.min(width, left + Math.round(width * 0.17)); x++) {
      pixels[(y * width + x) * 3] = 240;
      pixels[(y * width + x) * 3 + 1] = 220;
      pixels[(y * width + x) * 3 + 2] = 30;
    }
  return pixels;
}

/**
 * A burst neighbour of another kind: the same scene with the camera panned, each frame `width` wide cut from
 * one wider scene at `shift` (a share of the frame width; 0.1 pans by a tenth).
 */
export function pannedFramePixels(seed: number, shift: number, width = 640, height = 480): Buffer {
  const sceneWidth = Math.round(width * 1.3);
  const scene = photoLikePixels(seed, sceneWidth, height);
  const left = Math.round(shift * width);
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    scene.copy(pixels, y * width * 3, (y * sceneWidth + left) * 3, (y * sceneWidth + left + width) * 3);
  return pixels;
}

/**
 * A photo letterboxed into a phone screenshot (390x844 points): scaled to the screen's width, centred on
 * flat bars of the theme's colour, with a status bar strip (a clock and icons) across the top.
 */
export async function phoneScreenshot(
  photo: sharp.Sharp,
  theme: 'dark' | 'light' = 'dark',
  screen = { width: 390, height: 844 },
): Promise<sharp.Sharp> {
  const { data, info } = await photo
    .resize(screen.width, Math.round(screen.height * 0.7), { fit: 'inside' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const bar = theme === 'dark' ? 0 : 255;
  const ink = 255 - bar;
  const frame = Buffer.alloc(screen.width * screen.height * 3, bar);
  const paint = (left: number, top: number, width: number, height: number) => {
    for (let y = top; y < top + height; y++)
      frame.fill(ink, (y * screen.width + left) * 3, (y * screen.width + left + width) * 3);
  };
  // Status bar: "9:41" as four blocks on the left, signal bars, Wi-Fi and battery on the right.
  for (const [left, width] of [
    [24, 7],
    [34, 3],
    [40, 7],
    [50, 7],
  ] as const)
    paint(left, 16, width, 12);
  for (let i = 0; i < 4; i++) paint(296 + i * 5, 26 - i * 3, 3, 4 + i * 3);
  paint(322, 18, 14, 9);
  paint(344, 17, 22, 11);
  // The home indicator at the bottom.
  paint(128, screen.height - 14, 134, 5);
  const left = Math.floor((screen.width - info.width) / 2);
  const top = Math.floor((screen.height - info.height) / 2);
  for (let y = 0; y < info.height; y++)
    data.copy(frame, ((top + y) * screen.width + left) * 3, y * info.width * 3, (y + 1) * info.width * 3);
  return sharp(frame, { raw: { width: screen.width, height: screen.height, channels: 3 } });
}
