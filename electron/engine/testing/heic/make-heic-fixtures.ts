/**
 * Regenerates the committed HEIC fixtures in fixtures/formats/ (tests only read them). Needs a C compiler
 * and Debian's libheif-dev plus its x265 plugin (no npm package can encode HEVC):
 *
 *   apt-get install gcc libheif-dev libheif-examples && npx tsx electron/engine/testing/heic/make-heic-fixtures.ts
 *
 * Each fixture stores its pixels as a camera would (sideways) with irot/imir boxes saying how to stand them
 * up, and the iPhone-style EXIF block with its own Orientation tag, so a decoder that applies both
 * rotations (or neither) shows a sideways picture and fails the test.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { orientationFixture, undoOrientation } from '../orientation-fixture';

const OUT_DIR = join(__dirname, '..', '..', '..', '..', 'fixtures', 'formats');

interface HeicFixture {
  name: string;
  width: number;
  height: number;
  orientation: number;
  exif: { orientation?: number; takenAt?: string } | null;
}

export const HEIC_FIXTURES: HeicFixture[] = [
  // An iPhone portrait: pixels stored landscape, irot says 90° clockwise, EXIF repeats Orientation 6.
  {
    name: 'iphone-portrait.heic',
    width: 96,
    height: 144,
    orientation: 6,
    exif: { orientation: 6, takenAt: '2021:07:04 09:30:15' },
  },
  // A mirrored selfie turned sideways: irot and imir together, no EXIF at all.
  { name: 'mirrored-selfie.heic', width: 144, height: 96, orientation: 7, exif: null },
];

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'doppel-heic-'));
  const tool = join(work, 'encode-heic');
  const flags = execFileSync('pkg-config', ['--cflags', '--libs', 'libheif'], { encoding: 'utf8' });
  execFileSync('gcc', ['-O1', '-o', tool, join(__dirname, 'encode-heic.c'), ...flags.trim().split(/\s+/)]);
  for (const fixture of HEIC_FIXTURES) {
    const upright = orientationFixture(fixture.width, fixture.height);
    const stored = await undoOrientation(upright, fixture.width, fixture.height, fixture.orientation);
    const ppm = Buffer.concat([Buffer.from(`P6 ${stored.width} ${stored.height} 255\n`), stored.data]);
    writeFileSync(join(work, 'in.ppm'), ppm);
    writeFileSync(join(work, 'exif.bin'), fixture.exif ? await exifBlock(fixture.exif) : Buffer.alloc(0));
    const out = join(OUT_DIR, fixture.name);
    execFileSync(tool, [join(work, 'in.ppm'), String(fixture.orientation), join(work, 'exif.bin'), out]);
    if (fixture.orientation >= 5) writeFileSync(out, swapIspe(readFileSync(out)));
    console.log(`wrote ${out}`);
  }
}

/**
 * libheif 1.15 (Debian 12) writes the upright size into 'ispe' when it also writes a quarter-turn irot; the
 * spec (and every iPhone) puts the coded size there, which newer libheif insists on. Swap it in place.
 */
function swapIspe(bytes: Buffer): Buffer {
  const at = bytes.indexOf('ispe', 0, 'latin1');
  if (at < 0) throw new Error('no ispe box');
  const width = bytes.readUInt32BE(at + 8);
  bytes.writeUInt32BE(bytes.readUInt32BE(at + 12), at + 8);
  bytes.writeUInt32BE(width, at + 12);
  return bytes;
}

/** A TIFF-structured EXIF block ("Exif\0\0" + TIFF), borrowed from a JPEG that sharp writes. */
async function exifBlock(exif: { orientation?: number; takenAt?: string }): Promise<Buffer> {
  let image = sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).jpeg();
  if (exif.orientation) image = image.withMetadata({ orientation: exif.orientation });
  image = image.withExifMerge({
    IFD0: { Make: 'Doppel fixtures' },
    ...(exif.takenAt ? { IFD2: { DateTimeOriginal: exif.takenAt } } : {}),
  });
  const meta = await sharp(await image.toBuffer()).metadata();
  if (!meta.exif) throw new Error('sharp wrote no EXIF');
  return meta.exif;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
