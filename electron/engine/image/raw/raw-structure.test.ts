import { ExifTool } from 'exiftool-vendored';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RAW_KINDS, makeRawFixture, type RawKind } from '../../testing/raw-fixtures';
import { bufferAccess } from './random-access';
import { extractRawPreview } from './raw-preview';
import { TAG, readTiff } from './tiff-walk';

/**
 * The RAW fixtures must be what they claim, or the extractor's structural path (reading the preview's
 * offset from the file's tags, choosing the largest preview over the thumbnail) goes untested while the
 * whole-file scan quietly rescues every test. exiftool, an independent reader, checks the fixtures; the
 * extractor says which path found the preview.
 */
const TIFF_KINDS = ['cr2', 'nef', 'arw', 'dng', 'orf'] as const satisfies readonly RawKind[];
const SIZE = { width: 720, height: 480 };
const TAKEN_AT = '2019:12:31 23:59:58';

let dir: string;
let exiftool: ExifTool;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doppel-raw-structure-'));
  exiftool = new ExifTool({ maxProcs: 1 });
});
afterAll(async () => {
  await exiftool.end();
  await rm(dir, { recursive: true, force: true });
});

type Tags = Record<string, unknown>;

/** exiftool's reading of a fixture: every tag (-a -All) by group (-G1), as numbers (-n), and its validation. */
async function exiftoolRead(kind: RawKind, bytes: Buffer): Promise<Tags> {
  const path = join(dir, `fixture.${kind}`);
  await writeFile(path, bytes);
  return (await exiftool.readRaw(path, { readArgs: ['-a', '-G1', '-n', '-All', '-validate'] })) as Tags;
}

/** Offset and length pairs exiftool names, by the tag names it uses for previews, thumbnails and strips. */
function exiftoolBlocks(tags: Tags): { name: string; offset: number; length: number }[] {
  const pairs = [
    ['PreviewImageStart', 'PreviewImageLength'],
    ['JpgFromRawStart', 'JpgFromRawLength'],
    ['ThumbnailOffset', 'ThumbnailLength'],
    ['StripOffsets', 'StripByteCounts'],
  ];
  const blocks: { name: string; offset: number; length: number }[] = [];
  for (const key of Object.keys(tags)) {
    const [group, name] = key.split(':');
    const pair = pairs.find(([start]) => start === name);
    if (!pair || !group) continue;
    const length = tags[`${group}:${pair[1]}`];
    blocks.push({ name: key, offset: Number(tags[key]), length: Number(length) });
  }
  return blocks;
}

/** The same blocks as Doppel's TIFF walk finds them: JPEGInterchangeFormat and StripOffsets in every IFD. */
async function doppelBlocks(bytes: Buffer): Promise<{ offset: number; length: number }[]> {
  const tiff = await readTiff(bufferAccess(bytes));
  expect(tiff).not.toBeNull();
  const blocks: { offset: number; length: number }[] = [];
  for (const ifd of tiff!.ifds) {
    const pairs = [
      [TAG.JpegOffset, TAG.JpegLength],
      [TAG.StripOffsets, TAG.StripByteCounts],
    ] as const;
    for (const [offsetTag, lengthTag] of pairs) {
      const offsets = ifd.entries.get(offsetTag)?.values ?? [];
      const lengths = ifd.entries.get(lengthTag)?.values ?? [];
      offsets.forEach((offset, i) => blocks.push({ offset, length: lengths[i] ?? -1 }));
    }
  }
  return blocks;
}

const byOffset = (a: { offset: number }, b: { offset: number }) => a.offset - b.offset;

describe('RAW fixtures, read by exiftool', () => {
  for (const kind of RAW_KINDS) {
    it(`${kind.toUpperCase()}: exiftool reads it without a warning, with our orientation and date`, async () => {
      const fixture = await makeRawFixture(kind, { ...SIZE, orientation: 6, takenAt: TAKEN_AT });
      const tags = await exiftoolRead(kind, fixture.bytes);
      expect(tags['File:FileType']).toBe(kind.toUpperCase());
      expect(tags['ExifTool:Validate'], JSON.stringify(tags)).toBe('0 0 0');
      expect(tags.warnings).toEqual([]);
      expect(tags.errors).toEqual([]);
      expect(tags['IFD0:Orientation']).toBe(6);
      expect(tags['ExifIFD:DateTimeOriginal']).toBe(TAKEN_AT);
    });
  }

  for (const kind of TIFF_KINDS) {
    it(`${kind.toUpperCase()}: Doppel's TIFF walk finds the blocks exiftool finds`, async () => {
      const fixture = await makeRawFixture(kind, { ...SIZE, orientation: 1, takenAt: TAKEN_AT });
      const tags = await exiftoolRead(kind, fixture.bytes);
      // ORF's preview lives in the Olympus maker note, read apart from the TIFF walk (tested below).
      const expected = exiftoolBlocks(tags).filter(({ name }) => !name.startsWith('Olympus:'));
      expect(expected.length).toBeGreaterThanOrEqual(2); // a preview or thumbnail, and the sensor data
      const found = await doppelBlocks(fixture.bytes);
      expect(found.sort(byOffset)).toEqual(
        expected.map(({ offset, length }) => ({ offset, length })).sort(byOffset),
      );
    });
  }
});

describe('RAW previews come from the file structure', () => {
  /** exiftool's name for the largest embedded JPEG of each TIFF-based fixture. */
  const previewTag: Record<(typeof TIFF_KINDS)[number], string> = {
    cr2: 'IFD0:PreviewImageStart',
    nef: 'SubIFD:JpgFromRawStart',
    arw: 'IFD0:PreviewImageStart',
    dng: 'SubIFD1:PreviewImageStart',
    orf: 'Olympus:PreviewImageStart',
  };

  for (const kind of TIFF_KINDS) {
    it(`${kind.toUpperCase()}: the preview is the block exiftool calls the preview, not the thumbnail`, async () => {
      const fixture = await makeRawFixture(kind, { ...SIZE, orientation: 6, takenAt: TAKEN_AT });
      const tags = await exiftoolRead(kind, fixture.bytes);
      const start = Number(tags[previewTag[kind]]);
      const length = Number(tags[previewTag[kind].replace(/(Start)$/, 'Length')]);
      expect(length).toBeGreaterThan(0);

      const preview = await extractRawPreview(fixture.bytes);
      expect(preview.jpeg.equals(fixture.bytes.subarray(start, start + length))).toBe(true);
      // Stored turned (orientation 6): the preview's pixels are portrait.
      const meta = await sharp(preview.jpeg).metadata();
      expect([meta.width, meta.height]).toEqual([SIZE.height, SIZE.width]);
      // Read from the file's own pointers (ORF: the Olympus maker note's), not found by the whole-file scan.
      expect(preview.foundBy).toBe('structure');
    });
  }

  it('ORF: a maker note pointing nowhere falls back to the scan, and still finds the preview', async () => {
    const fixture = await makeRawFixture('orf', { ...SIZE, orientation: 1, takenAt: TAKEN_AT });
    const bytes = Buffer.from(fixture.bytes);
    const note = bytes.indexOf('OLYMPUS\0II', 0, 'latin1');
    expect(note).toBeGreaterThan(0);
    // The maker note's only entry (CameraSettings): point it past the end of the file.
    bytes.writeUInt32LE(0xfffffff0, note + 12 + 2 + 8);
    const preview = await extractRawPreview(bytes);
    expect(preview.foundBy).toBe('scan');
    const meta = await sharp(preview.jpeg).metadata();
    expect([meta.width, meta.height]).toEqual([SIZE.width, SIZE.height]);
  });

  for (const kind of ['raf', 'cr3'] as const) {
    it(`${kind.toUpperCase()}: the preview is found through the header or boxes`, async () => {
      const fixture = await makeRawFixture(kind, { ...SIZE, orientation: 1, takenAt: TAKEN_AT });
      const preview = await extractRawPreview(fixture.bytes);
      expect(preview.foundBy).toBe('structure');
      const meta = await sharp(preview.jpeg).metadata();
      expect([meta.width, meta.height]).toEqual([SIZE.width, SIZE.height]);
    });
  }
});
