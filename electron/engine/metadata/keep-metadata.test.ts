import { ExifTool } from 'exiftool-vendored';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoLikePixels, rawImage, writeImage } from '../testing/photo-fixtures';
import { keepCopiesMetadata, metadataToCarry, sidecarPath } from './keep-metadata';
import { readPhotoMetadata } from './photo-metadata';

describe('carrying the copies’ metadata to the keeper', () => {
  it('takes only what the keeper lacks, the highest rating, and the keywords it does not have', () => {
    const { fields, carried } = metadataToCarry({ takenAt: '2020-01-01T00:00:00', keywords: ['a'] }, [
      { takenAt: '1999-09-09T09:09:09', rating: 2, keywords: ['a', 'b'] },
      { gps: { latitude: 1, longitude: 2 }, rating: 5, title: 'T', keywords: ['c'] },
    ]);
    expect(fields).toEqual({
      gps: { latitude: 1, longitude: 2 },
      title: 'T',
      rating: 5,
      keywords: ['a', 'b', 'c'],
    });
    expect(carried.sort()).toEqual(['gps', 'keywords', 'rating', 'title']);
    expect(metadataToCarry({ rating: 1, title: 'mine' }, [{ rating: 5, title: 'theirs' }]).carried).toEqual(
      [],
    );
  });
});

describe('joining descriptions as Immich does (its PR #25316 test table)', () => {
  const joined = (keeper: string, copies: string[]) =>
    metadataToCarry(
      { description: keeper },
      copies.map((description) => ({ description })),
    ).fields.description;

  it('adds the copies’ new lines after the keeper’s, once each', () => {
    expect(joined('First', ['Second'])).toBe('First\nSecond');
    expect(joined('Alpha', ['Beta', '', 'Gamma'])).toBe('Alpha\nBeta\nGamma');
    expect(joined('Line A\nLine B', [' Line B \nLine C '])).toBe('Line A\nLine B\nLine C');
    expect(metadataToCarry({}, [{ description: 'A sunset photo' }]).fields.description).toBe(
      'A sunset photo',
    );
  });

  it('carries nothing when the copies add no line', () => {
    expect(joined('Same caption', ['Same caption'])).toBeUndefined();
    expect(joined('Mountain view', [''])).toBeUndefined();
  });
});

describe('keepCopiesMetadata on real files', () => {
  let work: string;
  let exiftool: ExifTool;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-keep-metadata-'));
    exiftool = new ExifTool({ maxProcs: 1 });
  });
  afterAll(async () => {
    await exiftool.end();
    await rm(work, { recursive: true, force: true });
  });

  /** A keeper stripped of metadata (a big export) and a smaller copy straight from the camera. */
  async function pair(name: string): Promise<{ keeper: string; copy: string }> {
    const keeper = join(work, name, 'export', 'IMG_1.jpg');
    const copy = join(work, name, 'camera', 'IMG_1.jpg');
    await writeImage(keeper, rawImage(photoLikePixels(77)).jpeg({ quality: 95 }));
    await writeImage(copy, rawImage(photoLikePixels(77)).resize(320, 240).jpeg({ quality: 70 }));
    await exiftool.write(
      copy,
      {
        DateTimeOriginal: '2022:03:04 05:06:07',
        GPSLatitude: 48.8584,
        GPSLatitudeRef: 'N',
        GPSLongitude: 2.2945,
        GPSLongitudeRef: 'E',
        Rating: 3,
        'XMP-dc:Title': 'Tour Eiffel',
        'XMP-dc:Description': 'From the river',
        'XMP-dc:Subject': ['Paris'],
        'IPTC:Keywords': ['travel'],
      } as never,
      { writeArgs: ['-overwrite_original'] },
    );
    return { keeper, copy };
  }

  it('reads a copy’s EXIF, XMP and IPTC fields', async () => {
    const { copy } = await pair('read');
    expect(await readPhotoMetadata(copy)).toEqual({
      takenAt: '2022-03-04T05:06:07',
      gps: { latitude: expect.closeTo(48.8584, 4), longitude: expect.closeTo(2.2945, 4) },
      rating: 3,
      title: 'Tour Eiffel',
      description: 'From the river',
      keywords: ['Paris', 'travel'],
    });
  });

  it('writes <keeper>.xmp with what the copy had, leaving the photo itself untouched', async () => {
    const { keeper, copy } = await pair('new');
    const bytes = await readFile(keeper);
    const kept = await keepCopiesMetadata(keeper, [copy], readPhotoMetadata);
    expect(kept).toEqual({
      keeper,
      sidecar: `${keeper}.xmp`,
      fields: ['takenAt', 'gps', 'title', 'description', 'rating', 'keywords'],
    });
    expect((await readFile(keeper)).equals(bytes)).toBe(true);
    const tags = (await exiftool.read(sidecarPath(keeper))) as unknown as Record<string, unknown>;
    expect(String(tags.DateTimeOriginal)).toContain('2022-03-04T05:06:07');
    expect(tags.GPSLatitude).toBeCloseTo(48.8584, 4);
    expect(tags.Rating).toBe(3);
    expect(tags.Title).toBe('Tour Eiffel');
    expect(tags.Subject).toEqual(['Paris', 'travel']);
    // Nothing new the second time: the sidecar is not written again.
    expect(await keepCopiesMetadata(keeper, [copy], readPhotoMetadata)).toBeNull();
  });

  it('merges into the keeper’s sidecar, whose own values win', async () => {
    const { keeper, copy } = await pair('merge');
    await exiftool.write(sidecarPath(keeper), { Rating: 1, Label: 'Blue' } as never, {
      writeArgs: ['-overwrite_original'],
    });
    const kept = await keepCopiesMetadata(keeper, [copy], readPhotoMetadata);
    expect(kept!.fields).not.toContain('rating');
    const tags = (await exiftool.read(sidecarPath(keeper))) as unknown as Record<string, unknown>;
    expect(tags.Rating).toBe(1);
    expect(tags.Label).toBe('Blue');
    expect(tags.Title).toBe('Tour Eiffel');
  });

  it('refuses a sidecar that is a folder or not XMP, so the copies stay', async () => {
    const { keeper, copy } = await pair('refuse');
    await mkdir(sidecarPath(keeper));
    await expect(keepCopiesMetadata(keeper, [copy], readPhotoMetadata)).rejects.toThrow('not a regular file');
    await rm(sidecarPath(keeper), { recursive: true });
    await writeFile(sidecarPath(keeper), 'my notes about this photo');
    await expect(keepCopiesMetadata(keeper, [copy], readPhotoMetadata)).rejects.toThrow('not an XMP sidecar');
    expect(await readFile(sidecarPath(keeper), 'utf8')).toBe('my notes about this photo');
    expect((await readdir(join(work, 'refuse', 'export'))).sort()).toEqual(['IMG_1.jpg', 'IMG_1.jpg.xmp']);
  });
});
