import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { photoLikePixels, rawImage } from './photo-fixtures';
import { RAW_KINDS, makeRawFixture } from './raw-fixtures';

export const FORMAT_FIXTURES_DIR = join(__dirname, '..', '..', '..', 'fixtures', 'formats');

export interface FormatSample {
  path: string;
  width: number;
  height: number;
  /** What the library records as the file's format. */
  format: string;
}

const W = 320;
const H = 240;

/**
 * One file per format and pixel layout a real library holds, generated with sharp (HEIC comes from the
 * committed fixtures, RAWs are structural fixtures): the "format test set" that must index with no errors.
 */
export async function makeFormatLibrary(root: string): Promise<FormatSample[]> {
  await mkdir(root, { recursive: true });
  const samples: FormatSample[] = [];
  const photo = (seed: number) => rawImage(photoLikePixels(seed, W, H), W, H);
  const add = async (name: string, image: sharp.Sharp | Buffer, format: string, width = W, height = H) => {
    const path = join(root, name);
    await writeFile(path, Buffer.isBuffer(image) ? image : await image.toBuffer());
    samples.push({ path, width, height, format });
  };
  await add('baseline.jpg', photo(1).jpeg({ quality: 85 }), 'jpeg');
  await add('progressive.jpeg', photo(2).jpeg({ quality: 85, progressive: true }), 'jpeg');
  await add('cmyk.jpg', photo(3).toColourspace('cmyk').jpeg({ quality: 90 }), 'jpeg');
  await add('greyscale.jpg', photo(4).greyscale().jpeg({ quality: 90 }), 'jpeg');
  await add('rotated-exif.jpg', photo(5).jpeg().withMetadata({ orientation: 6 }), 'jpeg', H, W);
  await add('plain.png', photo(6).png(), 'png');
  await add('sixteen-bit.png', photo(7).toColourspace('rgb16').png(), 'png');
  await add('greyscale.png', photo(8).greyscale().png(), 'png');
  await add('transparent.png', transparentImage().png(), 'png');
  await add('palette.png', photo(9).png({ palette: true, colours: 64 }), 'png');
  await add('lossy.webp', photo(10).webp({ quality: 70 }), 'webp');
  await add('lossless-alpha.webp', transparentImage().webp({ lossless: true }), 'webp');
  await add('animated.webp', await animated('webp'), 'webp');
  await add('still.gif', photo(11).gif(), 'gif');
  await add('animated.gif', await animated('gif'), 'gif');
  await add('photo.avif', photo(12).avif({ quality: 60 }), 'heif');
  await add('photo.tiff', photo(13).tiff({ compression: 'lzw' }), 'tiff');
  await add('sixteen-bit.tif', photo(14).toColourspace('rgb16').tiff(), 'tiff');
  await copyFile(join(FORMAT_FIXTURES_DIR, 'iphone-portrait.heic'), join(root, 'iphone-portrait.HEIC'));
  samples.push({ path: join(root, 'iphone-portrait.HEIC'), width: 96, height: 144, format: 'heic' });
  await copyFile(join(FORMAT_FIXTURES_DIR, 'mirrored-selfie.heic'), join(root, 'mirrored-selfie.heif'));
  samples.push({ path: join(root, 'mirrored-selfie.heif'), width: 144, height: 96, format: 'heic' });
  for (const [index, kind] of RAW_KINDS.entries()) {
    const fixture = await makeRawFixture(kind, {
      width: 480,
      height: 320,
      orientation: index % 2 ? 6 : 1,
      takenAt: '2022:05:06 07:08:09',
      pixels: photoLikePixels(100 + index, 480, 320),
    });
    await add(
      `camera.${kind.toUpperCase()}`,
      fixture.bytes,
      kind,
      fixture.expectedWidth,
      fixture.expectedHeight,
    );
  }
  return samples;
}

/** A red disc on a fully transparent background: decoding must flatten it onto white, not black. */
export function transparentImage(): sharp.Sharp {
  const pixels = Buffer.alloc(W * H * 4);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const inside = (x - W / 2) ** 2 + (y - H / 2) ** 2 < (H / 4) ** 2;
      if (inside) pixels.set([200, 20, 20, 255], (y * W + x) * 4);
    }
  return sharp(pixels, { raw: { width: W, height: H, channels: 4 } });
}

/** Two frames, red then blue: the library shows (and compares) the first. */
async function animated(format: 'gif' | 'webp'): Promise<Buffer> {
  const frame = (colour: string) =>
    sharp({ create: { width: W, height: H, channels: 3, background: colour } })
      .png()
      .toBuffer();
  const joined = sharp([await frame('#d02020'), await frame('#2020d0')], { join: { animated: true } });
  return (format === 'gif' ? joined.gif() : joined.webp()).toBuffer();
}
