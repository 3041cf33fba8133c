import { describe, expect, it } from 'vitest';
import type { DuplicateGraph, DuplicatePair, PhotoInfo } from '../contract/entities';
import { groupDuplicates } from './grouping';
import { findRawJpegTwins, isRawFilePath, rawJpegTwinPaths, twinKey, twinsOf } from './raw-jpeg-twins';

function photo(path: string, overrides: Partial<PhotoInfo> = {}): PhotoInfo {
  return {
    path,
    hash: `hash:${path}`,
    size: 1_000,
    mtimeMs: 1_600_000_000_000,
    width: 6000,
    height: 4000,
    format: 'jpeg',
    takenAt: null,
    ...overrides,
  };
}

const graphOf = (photos: PhotoInfo[], pairs: DuplicatePair[], dismissed: [string, string][] = []) =>
  ({ maxDistance: 0.5, defaultThreshold: 0.2, model: 'm', photos, pairs, dismissed }) as DuplicateGraph;

const twin = (raw: PhotoInfo, jpeg: PhotoInfo, samePicture = true): DuplicatePair => ({
  a: raw.hash,
  b: jpeg.hash,
  distance: samePicture ? 0.01 : null,
  samePicture,
  rawJpeg: true,
});

describe('RAW+JPEG twins by path', () => {
  it('pairs a RAW with the JPEG of the same name in the same folder, case-insensitively', () => {
    const twins = findRawJpegTwins([
      '/DCIM/IMG_0001.CR2',
      '/DCIM/IMG_0001.JPG',
      '/DCIM/img_0002.nef',
      '/DCIM/IMG_0002.jpeg',
      '/DCIM/IMG_0003.ARW', // no JPEG
      '/DCIM/IMG_0004.JPG', // no RAW
      '/Other/IMG_0001.JPG', // another folder: not a twin
      '/DCIM/IMG_0001.png', // not a JPEG
      'C:\\Photos\\DSC_9.RAF',
      'C:\\Photos\\dsc_9.jpg',
    ]);
    expect(twins).toEqual([
      ['/DCIM/IMG_0001.CR2', '/DCIM/IMG_0001.JPG'],
      ['/DCIM/img_0002.nef', '/DCIM/IMG_0002.jpeg'],
      ['C:\\Photos\\DSC_9.RAF', 'C:\\Photos\\dsc_9.jpg'],
    ]);
    expect(isRawFilePath('/a/b.DnG')).toBe(true);
    expect(isRawFilePath('/a.cr2/b')).toBe(false);
    expect(twinKey('/A/B.Cr3')).toBe('/a/b');
    expect([...rawJpegTwinPaths(['/a/x.orf', '/a/x.jpg', '/a/y.jpg'])].sort()).toEqual([
      '/a/x.jpg',
      '/a/x.orf',
    ]);
    const folder = ['/a/X.ORF', '/a/x.jpg', '/a/x.JPEG', '/a/x.png', '/b/x.jpg', '/a/x.dng'];
    expect(twinsOf('/a/X.ORF', folder)).toEqual(['/a/x.jpg', '/a/x.JPEG']);
    expect(twinsOf('/a/x.jpg', folder)).toEqual(['/a/X.ORF', '/a/x.dng']);
    expect(twinsOf('/b/x.jpg', folder)).toEqual([]);
    expect(twinsOf('/a/x.png', folder)).toEqual([]);
  });
});

describe('grouping RAW+JPEG twins', () => {
  const raw = photo('/DCIM/IMG_0001.CR2', { format: 'cr2', size: 25_000_000 });
  const jpeg = photo('/DCIM/IMG_0001.JPG', { size: 6_000_000 });

  it('makes a group of its own kind from a twin, the RAW its keeper, at any threshold', () => {
    for (const threshold of [0, 0.2, 0.5]) {
      const groups = groupDuplicates(graphOf([jpeg, raw], [twin(raw, jpeg, false)]), threshold);
      expect(groups).toHaveLength(1);
      expect(groups[0]!.kind).toBe('raw+jpeg');
      expect(groups[0]!.keeper).toBe(raw.path);
      expect(groups[0]!.reclaimableBytes).toBe(0); // one shot: nothing to clean up
    }
  });

  it('keeps the RAW even when the JPEG reports more pixels', () => {
    const bigJpeg = photo('/DCIM/IMG_0001.JPG', { width: 8000, height: 6000, size: 30_000_000 });
    const [group] = groupDuplicates(graphOf([bigJpeg, raw], [twin(raw, bigJpeg)]), 0.2);
    expect(group!.keeper).toBe(raw.path);
  });

  it('is the weakest kind present when mixed with other copies', () => {
    const exported = photo('/Exports/IMG_0001-small.jpg', { width: 1600, height: 1067, size: 400_000 });
    const pairs: DuplicatePair[] = [
      twin(raw, jpeg),
      { a: jpeg.hash, b: exported.hash, distance: 0.02, samePicture: true },
      { a: raw.hash, b: exported.hash, distance: 0.02, samePicture: true },
    ];
    const [group] = groupDuplicates(graphOf([raw, jpeg, exported], pairs), 0.2);
    expect(group!.kind).toBe('same-picture');
    expect(group!.keeper).toBe(raw.path);
    const sameName = photo('/DCIM/IMG_0001.jpeg', { hash: jpeg.hash });
    const [oneShot] = groupDuplicates(graphOf([raw, jpeg, sameName], [twin(raw, jpeg)]), 0.2);
    expect(oneShot!.kind).toBe('raw+jpeg');
    expect(oneShot!.items).toHaveLength(3);
  });

  it('calls a copy of the JPEG elsewhere the same picture as the RAW, not its twin', () => {
    const backup = photo('/Backup/IMG_0001.JPG', { hash: jpeg.hash });
    const [group] = groupDuplicates(graphOf([raw, jpeg, backup], [twin(raw, jpeg)]), 0.2);
    expect(group!.kind).toBe('same-picture');
    expect(group!.keeper).toBe(raw.path);
    expect(group!.items.map((item) => item.path).sort()).toEqual([backup.path, raw.path, jpeg.path].sort());
  });

  it('makes one same-picture group of a card copied several times, keeping a RAW', () => {
    const copies = ['/Card', '/Backup/Card', '/Backup/Card (2)'].flatMap((folder) => [
      photo(`${folder}/IMG_0001.CR2`, { hash: raw.hash, format: 'cr2', size: raw.size }),
      photo(`${folder}/IMG_0001.JPG`, { hash: jpeg.hash, size: jpeg.size }),
    ]);
    const groups = groupDuplicates(graphOf(copies, [twin(raw, jpeg)]), 0);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.kind).toBe('same-picture');
    expect(groups[0]!.keeper).toBe('/Card/IMG_0001.CR2');
    expect(groups[0]!.items).toHaveLength(6);
    // The kept RAW's JPEG twin stays: the two other cards are what can be freed.
    expect(groups[0]!.reclaimableBytes).toBe(2 * (raw.size + jpeg.size));
  });

  it('lists plain RAW+JPEG pairs after every other kind, whatever they would free', () => {
    const a = photo('/s/a.jpg', { size: 10 });
    const b = photo('/s/b.jpg', { size: 10 });
    const pairs = [twin(raw, jpeg), { a: a.hash, b: b.hash, distance: 0.1, samePicture: false }];
    const groups = groupDuplicates(graphOf([raw, jpeg, a, b], pairs), 0.2);
    expect(groups.map((group) => group.kind)).toEqual(['similar', 'raw+jpeg']);
  });

  it('honours a "not duplicates" mark on a twin', () => {
    const groups = groupDuplicates(graphOf([raw, jpeg], [twin(raw, jpeg)], [[jpeg.hash, raw.hash]]), 0.2);
    expect(groups).toEqual([]);
  });
});
