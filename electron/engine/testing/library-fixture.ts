import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PLANTED_EDITS, gradientPixels, photoLikePixels, rawImage, writeImage } from './photo-fixtures';

export const TINY_MODEL_DIR = join(__dirname, '..', '..', '..', 'fixtures', 'tiny-clip');

export interface PlantedLibrary {
  root: string;
  /** Each original with the paths of its planted edited copies. */
  families: { original: string; copies: string[] }[];
  /** A byte-for-byte copy pair in a folder of its own. */
  identical: [string, string];
  /** Smooth low-detail photos sharing a layout; none is a duplicate of another. */
  smooth: string[];
  /** Files that must be reported as errors, not crash the run. */
  bad: string[];
}

/**
 * A small library the way people have them: originals, edited copies scattered in other folders (with
 * quotes, backslashes and non-Latin letters in their names), an exact copy, smooth look-alikes and junk.
 */
export async function makePlantedLibrary(root: string, originals = 4): Promise<PlantedLibrary> {
  const families: PlantedLibrary['families'] = [];
  for (let seed = 1; seed <= originals; seed++) {
    const pixels = photoLikePixels(seed * 7919);
    const original = join(root, 'DCIM', `IMG_${1000 + seed}.jpg`);
    await writeImage(original, rawImage(pixels).jpeg({ quality: 92 }));
    const copies: string[] = [];
    for (const [name, edit] of Object.entries(PLANTED_EDITS)) {
      const copy = join(root, `exports "it's" \\ 写真 ünï`, `${seed}-${name}`);
      await writeImage(copy, edit(rawImage(pixels)));
      copies.push(copy);
    }
    families.push({ original, copies });
  }
  const single = join(root, 'backup', 'lonely.jpg');
  await writeImage(single, rawImage(photoLikePixels(424242)).jpeg({ quality: 90 }));
  const twin = join(root, 'backup', 'copy of lonely.jpg');
  await copyFile(single, twin);
  const colours = [
    [
      [20, 40, 200],
      [255, 255, 255],
    ],
    [
      [200, 40, 20],
      [255, 255, 255],
    ],
    [
      [20, 160, 40],
      [255, 255, 255],
    ],
    [
      [0, 0, 0],
      [128, 128, 128],
    ],
    [
      [0, 0, 0],
      [255, 255, 255],
    ],
  ];
  const smooth: string[] = [];
  for (const [index, [from, to]] of colours.entries()) {
    const path = join(root, 'walls', `wall-${index}.png`);
    await writeImage(path, rawImage(gradientPixels(from!, to!)).png());
    smooth.push(path);
  }
  const bad = await writeBadFiles(join(root, 'junk'));
  return { root, families, identical: [single, twin], smooth, bad };
}

async function writeBadFiles(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const jpeg = await rawImage(photoLikePixels(5)).jpeg().toBuffer();
  const files: [string, Buffer][] = [
    ['empty.jpg', Buffer.alloc(0)],
    ['truncated.jpg', jpeg.subarray(0, Math.floor(jpeg.length / 3))],
    ['notes.png', Buffer.from('this is not an image, just text that ends in .png\n')],
    ['noise.webp', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251))],
    ['bomb.png', pngHeaderOnly(60_000, 60_000)],
  ];
  for (const [name, bytes] of files) await writeFile(join(dir, name), bytes);
  return files.map(([name]) => join(dir, name));
}

/** A PNG that claims a size (3.6 gigapixels for the bomb) with almost no pixel data: tests the pixel limit. */
export function pngHeaderOnly(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x63, 0, 0, 0, 1, 0, 1])),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
