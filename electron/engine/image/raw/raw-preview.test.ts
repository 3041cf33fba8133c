import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUADRANTS, quadrantColours } from '../../testing/orientation-fixture';
import { RAW_KINDS, makeRawFixture } from '../../testing/raw-fixtures';
import { decodePhoto } from '../decode-photo';
import { extractRawPreview } from './raw-preview';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doppel-raw-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function expectUpright(rgb: Buffer, width: number, height: number): void {
  const seen = quadrantColours(rgb, width, height);
  for (const [corner, colour] of Object.entries(QUADRANTS)) {
    const got = seen[corner as keyof typeof seen];
    got.forEach((value, channel) => expect(Math.abs(value - colour[channel]!), corner).toBeLessThan(40));
  }
}

describe('camera RAW previews (structural fixtures)', () => {
  for (const kind of RAW_KINDS) {
    for (const orientation of [1, 6, 8, 3]) {
      it(`${kind.toUpperCase()} with orientation ${orientation}: upright, sensor size, capture date`, async () => {
        const fixture = await makeRawFixture(kind, {
          width: 720,
          height: 480,
          orientation,
          takenAt: '2019:12:31 23:59:58',
        });
        const path = join(dir, `IMG_${orientation}.${kind === 'cr2' ? 'CR2' : kind}`);
        await writeFile(path, fixture.bytes);
        const decoded = await decodePhoto(path, 64);
        expect(decoded.format).toBe(kind);
        expect([decoded.width, decoded.height]).toEqual([fixture.expectedWidth, fixture.expectedHeight]);
        expect(decoded.takenAt).toBe('2019-12-31T23:59:58.000');
        // The picture is landscape when upright; the RAW stores it turned by `orientation`.
        expect(decoded.rgbWidth).toBeGreaterThan(decoded.rgbHeight);
        expectUpright(decoded.rgb, decoded.rgbWidth, decoded.rgbHeight);
      });
    }
  }

  it('picks the large preview over the thumbnail and never the lossless sensor data', async () => {
    const fixture = await makeRawFixture('cr2', {
      width: 720,
      height: 480,
      orientation: 1,
      takenAt: '2020:01:01 00:00:00',
    });
    const preview = await extractRawPreview(fixture.bytes);
    expect(preview.jpeg.readUInt16BE(0)).toBe(0xffd8);
    const sharp = (await import('sharp')).default;
    const meta = await sharp(preview.jpeg).metadata();
    expect([meta.width, meta.height]).toEqual([720, 480]);
  });

  it('reads a RAF, CR3, CR2 or ORF from memory (an uploaded query photo has no name)', async () => {
    for (const kind of ['raf', 'cr3', 'cr2', 'orf'] as const) {
      const fixture = await makeRawFixture(kind, {
        width: 720,
        height: 480,
        orientation: 6,
        takenAt: '2020:01:01 00:00:00',
      });
      const decoded = await decodePhoto(fixture.bytes, 64);
      expect(decoded.format, kind).toBe(kind);
      expectUpright(decoded.rgb, decoded.rgbWidth, decoded.rgbHeight);
    }
  });

  it('reports a damaged or foreign RAW in plain words', async () => {
    const cases: [string, Buffer][] = [
      ['text.nef', Buffer.from('not a raw file at all, just some words in a file named .nef')],
      [
        'cut.cr2',
        (
          await makeRawFixture('cr2', {
            width: 720,
            height: 480,
            orientation: 1,
            takenAt: '2020:01:01 00:00:00',
          })
        ).bytes.subarray(0, 300),
      ],
      ['header.raf', Buffer.from('FUJIFILMCCD-RAW 0201')],
    ];
    for (const [name, bytes] of cases) {
      const path = join(dir, name);
      await writeFile(path, bytes);
      const error = await decodePhoto(path, 64).then(
        () => null,
        (caught: unknown) => caught as Error,
      );
      expect(error, name).toBeInstanceOf(Error);
      expect(error!.message, name).toMatch(/RAW|RAF|preview|damaged/);
      expect(error!.message, name).not.toMatch(/vips|undefined|NaN/);
    }
  });
});
