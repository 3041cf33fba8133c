import { describe, expect, it } from 'vitest';
import type { DuplicateGroup, DuplicatePair, PhotoInfo } from '../contract/entities';
import { groupDuplicates } from './grouping';
import { graphOf, photo, similar } from './testing/graph-fixtures';

const samePicture = (a: PhotoInfo, b: PhotoInfo, distance: number | null = 0.02): DuplicatePair => ({
  a: a.hash,
  b: b.hash,
  distance,
  samePicture: true,
});

const setPaths = (group: DuplicateGroup) => group.copies.map((set) => set.items.map((item) => item.path));

/** Every pair among `photos` similar at `distance`, except those listed in `except` (by path pair). */
function allSimilar(photos: PhotoInfo[], distance: number): DuplicatePair[] {
  const pairs: DuplicatePair[] = [];
  for (let i = 0; i < photos.length; i++)
    for (let j = i + 1; j < photos.length; j++) pairs.push(similar(photos[i]!, photos[j]!, distance));
  return pairs;
}

describe('copy sets inside a similar group', () => {
  // A shot kept three ways (original, byte copy, re-save), another shot of the scene as RAW+JPEG, and a third
  // shot with no copy at all: one similar group, two copy sets, one lone shot.
  const original = photo('/shoot/A.jpg', { size: 9_000 });
  const backup = photo('/backup/A.jpg', { size: 9_000, hash: original.hash });
  const resaved = photo('/web/A-small.jpg', { size: 2_000, width: 1600, height: 1200 });
  const raw = photo('/shoot/B.CR2', { size: 25_000, format: 'raw' });
  const jpeg = photo('/shoot/B.jpg', { size: 8_000 });
  const lone = photo('/shoot/C.jpg', { size: 7_000 });
  const pairs: DuplicatePair[] = [
    samePicture(original, resaved),
    { a: raw.hash, b: jpeg.hash, distance: 0.03, samePicture: false, rawJpeg: true },
    ...allSimilar([original, resaved, raw, lone], 0.15).filter(
      (pair) => !(pair.a === original.hash && pair.b === resaved.hash),
    ),
    similar(jpeg, original, 0.15),
    similar(jpeg, resaved, 0.15),
    similar(jpeg, lone, 0.15),
  ];
  const graph = graphOf([original, backup, resaved, raw, jpeg, lone], pairs);

  it('partitions the members into identical + same-picture and RAW+JPEG sets, leaving the lone shot out', () => {
    const groups = groupDuplicates(graph, 0.2);
    expect(groups).toHaveLength(1);
    const [group] = groups;
    expect(group!.kind).toBe('similar');
    expect(group!.items).toHaveLength(6);
    // The group's keeper is the RAW (the most pixels tie, then the largest file), so its set comes first.
    expect(group!.keeper).toBe('/shoot/B.CR2');
    expect(setPaths(group!)).toEqual([
      ['/shoot/B.CR2', '/shoot/B.jpg'],
      ['/shoot/A.jpg', '/backup/A.jpg', '/web/A-small.jpg'],
    ]);
    expect(group!.copies.map((set) => set.kind)).toEqual(['raw+jpeg', 'same-picture']);
    const setA = group!.copies[1]!;
    expect(setA.keeper).toBe('/shoot/A.jpg');
    // Distances are to the set's own keeper: 0 for the byte copy, the pair's distance for the re-save.
    expect(setA.items.map((item) => item.distance)).toEqual([0, 0, 0.02]);
    // Trashing the set's copies frees the backup and the re-save; the RAW's own JPEG is not space to free.
    expect(setA.reclaimableBytes).toBe(11_000);
    expect(group!.copies[0]!.reclaimableBytes).toBe(0);
  });

  it('keeps the same copy sets at any threshold, and they stand alone below the similar distance', () => {
    const below = groupDuplicates(graph, 0.1);
    expect(below.map((group) => group.kind).sort()).toEqual(['raw+jpeg', 'same-picture']);
    for (const group of below) expect(group.copies).toEqual([strip(group)]);
  });
});

describe('a group that is one copy set', () => {
  it('holds that one set, equal to the group itself', () => {
    const a = photo('/a.jpg');
    const b = photo('/b.jpg', { hash: a.hash });
    const c = photo('/c.jpg', { size: 500, width: 2000, height: 1500 });
    const [group] = groupDuplicates(graphOf([a, b, c], [samePicture(a, c, null)]), 0.2);
    expect(group!.kind).toBe('same-picture');
    expect(group!.copies).toEqual([strip(group!)]);
  });
});

describe('no chaining across copy sets', () => {
  it('splits a same-picture chain whose ends the check did not pair, even when a similar pair joins them', () => {
    // x~y and y~z are the same picture, x~z only similar: {x, y} is a set (the closer pair by keeper
    // order) and z stands apart, although the similar group holds all three.
    const x = photo('/x.jpg', { size: 3_000 });
    const y = photo('/y.jpg', { size: 2_000 });
    const z = photo('/z.jpg', { size: 1_000 });
    const graph = graphOf([x, y, z], [samePicture(x, y), samePicture(y, z), similar(x, z, 0.1)]);
    const [group] = groupDuplicates(graph, 0.2);
    expect(group!.kind).toBe('similar');
    expect(group!.items).toHaveLength(3);
    expect(group!.copies).toHaveLength(1);
    const [set] = setPaths(group!);
    expect(set).toHaveLength(2);
    expect(set).toContain('/y.jpg');
  });

  it('lists no copy set in a similar group of distinct shots', () => {
    const shots = [photo('/1.jpg'), photo('/2.jpg'), photo('/3.jpg')];
    const [group] = groupDuplicates(graphOf(shots, allSimilar(shots, 0.1)), 0.2);
    expect(group!.items).toHaveLength(3);
    expect(group!.copies).toEqual([]);
  });
});

function strip(group: Partial<DuplicateGroup>) {
  const { kind, keeper, items, reclaimableBytes } = group as DuplicateGroup;
  return { kind, keeper, items, reclaimableBytes };
}
