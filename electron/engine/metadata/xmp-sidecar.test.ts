import { ExifTool } from 'exiftool-vendored';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeXmp, readXmp, writeXmp } from './xmp-sidecar';
import type { CarriedMetadata } from './xmp-fields';

const everything: CarriedMetadata = {
  takenAt: '2021-07-14T18:30:05',
  gps: { latitude: -33.856784, longitude: 151.215297, altitude: 42.5 },
  rating: 4,
  title: 'Opera House & "harbour" <dusk>',
  description: 'Ferry wake, Sydney — 写真',
  keywords: ['Sydney', 'harbour', 'ünïcode & more'],
};

describe('XMP sidecar writer and reader', () => {
  let work: string;
  let exiftool: ExifTool;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-xmp-'));
    exiftool = new ExifTool({ maxProcs: 1 });
  });
  afterAll(async () => {
    await exiftool.end();
    await rm(work, { recursive: true, force: true });
  });

  it('writes a sidecar that exiftool, an independent reader, reads every field of', async () => {
    const path = join(work, 'IMG_1.jpg.xmp');
    await writeFile(path, writeXmp(everything));
    const tags = (await exiftool.read(path)) as unknown as Record<string, unknown>;
    expect(String(tags.DateTimeOriginal)).toContain('2021-07-14T18:30:05');
    expect(tags.GPSLatitude).toBeCloseTo(-33.856784, 5);
    expect(tags.GPSLongitude).toBeCloseTo(151.215297, 5);
    expect(tags.GPSAltitude).toBeCloseTo(42.5, 2);
    expect(tags.Rating).toBe(4);
    expect(tags.Title).toBe(everything.title);
    expect(tags.Description).toBe(everything.description);
    expect(tags.Subject).toEqual(everything.keywords);
    // And Doppel's own reader reads back what it wrote.
    const back = readXmp(await readFile(path, 'utf8'));
    expect(back).toMatchObject({ ...everything, gps: { latitude: expect.closeTo(-33.856784, 5) } });
    expect(back.gps!.longitude).toBeCloseTo(151.215297, 5);
  });

  it('merges into a sidecar another tool wrote, keeping all of its content and its own values', async () => {
    const path = join(work, 'IMG_2.jpg.xmp');
    // exiftool makes the sidecar a photo tool would have: a rating, keywords, a label and a creator.
    await exiftool.write(path, { Rating: 2, Subject: ['family'], Label: 'Red', Creator: ['Ana'] } as never, {
      writeArgs: ['-overwrite_original'],
    });
    const before = await readFile(path, 'utf8');
    const merged = mergeXmp(before, everything)!;
    expect(merged).not.toBeNull();
    await writeFile(path, merged);
    const tags = (await exiftool.read(path)) as unknown as Record<string, unknown>;
    expect(tags.Rating).toBe(2); // its own value wins over the copy's
    expect(tags.Label).toBe('Red');
    expect(tags.Creator).toEqual(['Ana']);
    expect(tags.Subject).toEqual(['family', ...everything.keywords!]);
    expect(tags.Title).toBe(everything.title);
    expect(tags.Description).toBe(everything.description);
    expect(tags.GPSLatitude).toBeCloseTo(-33.856784, 5);
    expect(String(tags.DateTimeOriginal)).toContain('2021-07-14T18:30:05');
  });

  it('replaces its description only with one that holds all of its lines', async () => {
    const path = join(work, 'IMG_3.jpg.xmp');
    await exiftool.write(path, { Description: 'First' } as never, { writeArgs: ['-overwrite_original'] });
    const before = await readFile(path, 'utf8');
    expect(mergeXmp(before, { description: 'Something else' })).toBe(before);
    await writeFile(path, mergeXmp(before, { description: 'First\nSecond' })!);
    const tags = (await exiftool.read(path)) as unknown as Record<string, unknown>;
    expect(tags.Description).toBe('First\nSecond');
  });

  it('adds nothing twice: merging the same fields again changes nothing', () => {
    const once = mergeXmp(writeXmp({ keywords: ['a'] }), everything)!;
    expect(mergeXmp(once, everything)).toBe(once);
  });

  it('leaves a file that is not XMP alone', () => {
    expect(mergeXmp('just some notes', everything)).toBeNull();
  });

  it('reads the attribute form and rdf:Seq, and x-default first among languages', () => {
    const xml = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
      <rdf:Description rdf:about="" xmp:Rating="5" exif:GPSLatitude="52,30.5N" exif:GPSLongitude="13,24.25W">
        <dc:title><rdf:Alt><rdf:li xml:lang="de">Titel</rdf:li><rdf:li xml:lang="x-default">Title</rdf:li></rdf:Alt></dc:title>
        <dc:subject><rdf:Seq><rdf:li>one</rdf:li><rdf:li>two &amp; three</rdf:li></rdf:Seq></dc:subject>
      </rdf:Description></rdf:RDF></x:xmpmeta>`;
    expect(readXmp(xml)).toEqual({
      rating: 5,
      gps: { latitude: 52.508333333333333, longitude: -13.404166666666667 },
      title: 'Title',
      keywords: ['one', 'two & three'],
    });
  });
});
