import { describe, expect, it } from 'vitest';
import { DEFAULT_KEEPER_RULE, KEEPER_CRITERIA, type KeeperRule } from '../contract/keeper-rule';
import { groupDuplicates } from './grouping';
import {
  DEFAULT_KEEPER_CONTEXT,
  keeperComparator,
  keeperContextOf,
  keeperReason,
  looksLikeEditOrCopy,
  type KeeperContext,
} from './keeper-rules';
import type { PhotoInfo } from '../contract/entities';
import { graphOf, photo } from './testing/graph-fixtures';

function context(rule: Partial<KeeperRule> = {}, protectedFolders: string[] = []): KeeperContext {
  return { rule: { ...DEFAULT_KEEPER_RULE, ...rule }, protectedFolders };
}

function keeperOf(photos: PhotoInfo[], within: KeeperContext): string {
  return [...photos].sort(keeperComparator(within))[0]!.path;
}

describe('keeper rules: the order the user gives', () => {
  const big = photo('/lib/big.jpg', { width: 6000, height: 4000, size: 1_000 });
  const heavy = photo('/lib/heavy.jpg', { width: 4000, height: 3000, size: 9_000 });

  it('asks the criteria in the given order: pixels first keeps the big one, size first the heavy one', () => {
    expect(keeperOf([heavy, big], context({ order: ['pixels', 'size'] }))).toBe(big.path);
    expect(keeperOf([big, heavy], context({ order: ['size', 'pixels'] }))).toBe(heavy.path);
  });

  it('ignores a criterion that is not listed, and breaks every tie by the shorter path, then alphabetically', () => {
    // Without pixels or size in the order, the two tie and the shorter path wins.
    const short = photo('/l/b.jpg', { width: 10, height: 10, size: 1 });
    expect(keeperOf([big, short], context({ order: ['raw'] }))).toBe(short.path);
    const sameLength = photo('/l/a.jpg', { width: 10, height: 10, size: 1 });
    expect(keeperOf([short, sameLength], context({ order: [] }))).toBe(sameLength.path);
  });

  it('is a total order that does not depend on the input order', () => {
    const photos = [
      big,
      heavy,
      photo('/lib/a.heic', { takenAt: '2020-01-01T00:00:00' }),
      photo('/lib/a.CR2', { width: 100, height: 100 }),
      photo('/lib/a copy.jpg'),
    ];
    const compare = keeperComparator(context({ order: ['metadata', 'format', 'raw', 'pixels'] }));
    const forward = [...photos].sort(compare).map((p) => p.path);
    const backward = [...photos]
      .reverse()
      .sort(compare)
      .map((p) => p.path);
    expect(forward).toEqual(backward);
    expect(forward[0]).toBe('/lib/a.heic');
  });

  it('keeps the default order of before: RAW, pixels, size, capture date', () => {
    expect(DEFAULT_KEEPER_RULE.order.slice(0, 4)).toEqual(['raw', 'pixels', 'size', 'date']);
    expect([...DEFAULT_KEEPER_RULE.order].sort()).toEqual([...KEEPER_CRITERIA].sort());
    const raw = photo('/lib/x.NEF', { width: 100, height: 100, size: 10 });
    expect(keeperOf([big, raw], DEFAULT_KEEPER_CONTEXT)).toBe(raw.path);
  });
});

describe('keeper rules: each criterion', () => {
  it('raw: a camera RAW over a larger JPEG', () => {
    const raw = photo('/a/IMG_1.dng', { width: 10, height: 10 });
    expect(keeperOf([photo('/a/IMG_1.jpg'), raw], context({ order: ['raw'] }))).toBe(raw.path);
  });

  it('date: the oldest capture, else the file time', () => {
    const old = photo('/a/zzzz.jpg', { takenAt: '2001-01-01T00:00:00' });
    const recent = photo('/a/b.jpg', { takenAt: '2020-01-01T00:00:00' });
    expect(keeperOf([recent, old], context({ order: ['date'] }))).toBe(old.path);
    const undatedOlderFile = photo('/a/zzzzz.jpg', { mtimeMs: Date.UTC(1999, 0, 1) });
    expect(keeperOf([old, undatedOlderFile], context({ order: ['date'] }))).toBe(undatedOlderFile.path);
  });

  it('metadata: the photo that kept its capture date over one that lost it (a re-save, an export)', () => {
    const exported = photo('/a/b.jpg', { takenAt: null, mtimeMs: 0 });
    const camera = photo('/a/bbbbbbbb.jpg', { takenAt: '2021-06-01T12:00:00' });
    expect(keeperOf([exported, camera], context({ order: ['metadata'] }))).toBe(camera.path);
    // A date that does not parse is no metadata.
    const garbled = photo('/a/bbbbbbbbb.jpg', { takenAt: 'not a date' });
    expect(keeperOf([garbled, exported], context({ order: ['metadata'] }))).toBe(exported.path);
  });

  it('original: the name without a copy or edit mark, whatever the tool added', () => {
    const original = photo('/a/DSC_0042-long-name.jpg');
    for (const name of [
      'DSC_0042 (1).jpg',
      'DSC_0042 copy.jpg',
      'DSC_0042 - Copy.jpg',
      'DSC_0042 copy 2.jpg',
      'DSC_0042-edited.jpg',
      'DSC_0042_edit.jpg',
      'IMG_E0042.JPG',
      'DSC_0042 Kopie.jpg',
    ]) {
      expect(looksLikeEditOrCopy(`/a/${name}`), name).toBe(true);
      expect(keeperOf([photo(`/a/${name}`), original], context({ order: ['original'] })), name).toBe(
        original.path,
      );
    }
    for (const name of ['DSC_0042.jpg', 'credit.jpg', 'copyright-2020.jpg', 'IMG_0042.JPG', 'edits/a.jpg'])
      expect(looksLikeEditOrCopy(`/a/${name}`), name).toBe(false);
  });

  it('format: HEIC over JPEG, or the reverse', () => {
    const heic = photo('/a/IMG_1.HEIC', { width: 10, height: 10 });
    const jpeg = photo('/a/IMG_1.jpg');
    expect(keeperOf([jpeg, heic], context({ order: ['format'], preferredFormat: 'heic' }))).toBe(heic.path);
    expect(keeperOf([heic, jpeg], context({ order: ['format'], preferredFormat: 'jpeg' }))).toBe(jpeg.path);
  });

  it('folder: the copy under the preferred folder, and nothing when none is chosen', () => {
    const inArchive = photo('/archive/long/path/a.jpg');
    const elsewhere = photo('/b/a.jpg');
    const rule = { order: ['folder' as const] };
    expect(keeperOf([elsewhere, inArchive], context({ ...rule, preferredFolder: '/archive' }))).toBe(
      inArchive.path,
    );
    // A sibling that only shares the folder's name as a prefix is not in it.
    const sibling = photo('/archive2/a.jpg');
    expect(keeperOf([inArchive, sibling], context({ ...rule, preferredFolder: '/archive' }))).toBe(
      inArchive.path,
    );
    expect(keeperOf([inArchive, elsewhere], context({ ...rule, preferredFolder: null }))).toBe(
      elsewhere.path,
    );
  });

  it('protected: a photo in a protected folder wins over every criterion, whatever the order', () => {
    const kept = photo('C:\\Master archive\\2020\\small copy.jpg', { width: 10, height: 10, size: 1 });
    const raw = photo('C:\\Card\\IMG_1.CR2', { width: 9000, height: 6000, size: 90_000 });
    for (const order of [[...DEFAULT_KEEPER_RULE.order], ['pixels' as const], []])
      expect(keeperOf([raw, kept], context({ order }, ['C:\\Master archive']))).toBe(kept.path);
  });
});

describe('keeperReason', () => {
  it('names the first criterion on which the keeper beats the runner-up', () => {
    const raw = photo('/a/IMG_1.CR2', { width: 10, height: 10 });
    const jpeg = photo('/a/IMG_1.jpg');
    const small = photo('/b/IMG_1.jpg', { width: 100, height: 100 });
    expect(keeperReason([jpeg, raw, small], DEFAULT_KEEPER_CONTEXT)).toEqual({
      criterion: 'raw',
      text: 'Keeper: RAW original',
    });
    expect(keeperReason([small, jpeg], DEFAULT_KEEPER_CONTEXT)?.text).toBe('Keeper: most pixels');
    expect(keeperReason([jpeg, photo('/a/copy/IMG_1.jpg')], DEFAULT_KEEPER_CONTEXT)?.criterion).toBe('path');
    expect(keeperReason([jpeg], DEFAULT_KEEPER_CONTEXT)).toBeNull();
  });

  it('says the protected folder by its name', () => {
    const kept = photo('/photos/Master archive/a.jpg', { width: 1, height: 1 });
    expect(keeperReason([photo('/b.jpg'), kept], context({}, ['/photos/Master archive']))?.text).toBe(
      'Keeper: in protected folder Master archive',
    );
    // A second protected photo as the runner-up does not hide why the copy outside lost.
    const second = photo('/photos/Master archive/old/a.jpg', { width: 1, height: 1 });
    const within = context({}, ['/photos/Master archive']);
    expect(keeperReason([photo('/b.jpg'), second, kept], within)?.criterion).toBe('protected');
    expect(keeperReason([second, kept], within)?.criterion).toBe('path');
  });

  it('says the preferred format and folder', () => {
    const heic = photo('/a/x.heic', { width: 1, height: 1 });
    const order = { order: ['format' as const, 'folder' as const] };
    expect(keeperReason([photo('/a/x.jpg'), heic], context(order))?.text).toBe('Keeper: HEIC preferred');
    const inFolder = photo('/Best/x.jpg');
    expect(
      keeperReason([photo('/a/x.jpg'), inFolder], context({ ...order, preferredFolder: '/Best' }))?.text,
    ).toBe('Keeper: in preferred folder Best');
  });
});

describe('the rule travels with the graph', () => {
  const camera = photo('/lib/IMG_1.heic', { width: 10, height: 10, hash: 'same' });
  const exported = photo('/lib/IMG_1.jpg', { hash: 'same' });

  it('groups with the graph’s saved rule and protected folders, and the default without them', () => {
    const graph = graphOf([camera, exported], []);
    expect(groupDuplicates(graph, 0.2)[0]!.keeper).toBe(exported.path);
    const heicFirst = { ...DEFAULT_KEEPER_RULE, order: ['format' as const, 'pixels' as const] };
    expect(groupDuplicates({ ...graph, keeperRule: heicFirst }, 0.2)[0]!.keeper).toBe(camera.path);
    const archive = photo('/archive/IMG_1.jpg', { width: 1, height: 1, hash: 'same' });
    const withArchive = { ...graphOf([camera, exported, archive], []), protectedFolders: ['/archive'] };
    const [group] = groupDuplicates(withArchive, 0.2);
    expect(group!.keeper).toBe(archive.path);
    expect(group!.copies[0]!.keeper).toBe(archive.path);
  });

  it('falls back to the default for a damaged rule rather than failing', () => {
    const damaged = { order: ['pixels', 'pixels'] } as unknown as KeeperRule;
    expect(keeperContextOf({ keeperRule: damaged }).rule).toEqual(DEFAULT_KEEPER_RULE);
  });
});
