import { describe, expect, it } from 'vitest';
import type { DuplicatePair, PhotoInfo, SamePictureLevel } from '../contract/entities';
import { groupDuplicates, groupPrepared, prepareGraph } from './grouping';
import { filterByKinds } from './policy';
import { DEFAULT_SAME_PICTURE_LEVEL, isSamePictureAt, SAME_PICTURE_LEVELS } from './same-picture-levels';
import { graphOf, photo, similar } from './testing/graph-fixtures';

const samePicture = (
  a: PhotoInfo,
  b: PhotoInfo,
  level: SamePictureLevel | undefined,
  distance: number | null = null,
): DuplicatePair => ({ a: a.hash, b: b.hash, distance, samePicture: true, samePictureLevel: level });

const pathsOf = (groups: { items: { path: string }[] }[]) => groups.map((g) => g.items.map((i) => i.path));

describe('same-picture levels', () => {
  it('lists the levels strictest first, normal the default', () => {
    expect(SAME_PICTURE_LEVELS).toEqual(['strict', 'normal', 'loose']);
    expect(DEFAULT_SAME_PICTURE_LEVEL).toBe('normal');
  });

  it('takes a pair at its own level and every looser one, never a pair that is not the same picture', () => {
    const pair = (samePictureLevel?: SamePictureLevel, same = true) => ({
      samePicture: same,
      samePictureLevel,
    });
    expect(SAME_PICTURE_LEVELS.map((level) => isSamePictureAt(pair('strict'), level))).toEqual([
      true,
      true,
      true,
    ]);
    expect(SAME_PICTURE_LEVELS.map((level) => isSamePictureAt(pair('normal'), level))).toEqual([
      false,
      true,
      true,
    ]);
    expect(SAME_PICTURE_LEVELS.map((level) => isSamePictureAt(pair('loose'), level))).toEqual([
      false,
      false,
      true,
    ]);
    // Stored by a Doppel before levels: the default level's.
    expect(SAME_PICTURE_LEVELS.map((level) => isSamePictureAt(pair(undefined), level))).toEqual([
      false,
      true,
      true,
    ]);
    expect(SAME_PICTURE_LEVELS.some((level) => isSamePictureAt(pair('strict', false), level))).toBe(false);
  });
});

describe('grouping at a same-picture level', () => {
  const original = photo('/a/original.jpg', { size: 9_000 });
  const resaved = photo('/a/resaved.jpg', { size: 3_000 });
  const mirrored = photo('/a/mirrored.jpg', { size: 4_000 });
  const filtered = photo('/a/filtered.jpg', { size: 5_000 });
  const old = photo('/a/old-copy.jpg', { size: 6_000 });
  const graph = graphOf(
    [original, resaved, mirrored, filtered, old],
    [
      samePicture(original, resaved, 'strict'),
      samePicture(original, mirrored, 'normal'),
      samePicture(resaved, mirrored, 'normal'),
      // Heavier edit; the model also finds it close, so beyond loose it is still a similar shot.
      samePicture(original, filtered, 'loose', 0.1),
      samePicture(resaved, filtered, 'loose', 0.1),
      samePicture(mirrored, filtered, 'loose', 0.1),
      samePicture(old, filtered, 'loose', 0.1),
      // Verified before levels existed.
      samePicture(original, old, undefined),
      samePicture(resaved, old, undefined),
      samePicture(mirrored, old, undefined),
    ],
  );

  it('keeps the pairs of the level and stricter as copies; the rest are similar shots or nothing', () => {
    // Strict: only the re-save is a copy. The mirrored and the old copy are no copies here, and the
    // filtered one is a similar shot (the closest path first takes it: the mirrored copy).
    const strict = groupDuplicates(graph, 0.2, 'strict');
    expect(pathsOf(strict)).toEqual([
      ['/a/original.jpg', '/a/resaved.jpg'],
      ['/a/filtered.jpg', '/a/mirrored.jpg'],
    ]);
    expect(strict.map((group) => group.kind)).toEqual(['same-picture', 'similar']);

    const normal = groupDuplicates(graph, 0.2, 'normal');
    expect(normal).toHaveLength(1);
    expect(normal[0]!.kind).toBe('similar');
    expect(normal[0]!.copies.map((set) => set.items.map((item) => item.path).sort())).toEqual([
      ['/a/mirrored.jpg', '/a/old-copy.jpg', '/a/original.jpg', '/a/resaved.jpg'],
    ]);
    // The filtered copy is only a similar shot at this level: never in a copy set, listed under similar.
    expect(normal[0]!.items.map((item) => item.path)).toContain('/a/filtered.jpg');
    expect(filterByKinds(normal, ['same-picture'])).toHaveLength(1);

    const loose = groupDuplicates(graph, 0.2, 'loose');
    expect(loose).toHaveLength(1);
    expect(loose[0]!.kind).toBe('same-picture');
    expect(loose[0]!.items).toHaveLength(5);
  });

  it('defaults to the normal level, and a prepared graph per level matches groupDuplicates', () => {
    expect(groupDuplicates(graph, 0.2)).toEqual(groupDuplicates(graph, 0.2, 'normal'));
    for (const level of SAME_PICTURE_LEVELS)
      expect(groupPrepared(prepareGraph(graph, level), 0.2)).toEqual(groupDuplicates(graph, 0.2, level));
  });

  it('drops a same-picture pair beyond the level that has no embedding distance', () => {
    const lone = graphOf([original, filtered], [samePicture(original, filtered, 'loose')]);
    expect(groupDuplicates(lone, 0.5, 'normal')).toEqual([]);
    expect(groupDuplicates(lone, 0.5, 'loose')).toHaveLength(1);
    // A similar pair is untouched by the level.
    const shots = graphOf([original, filtered], [similar(original, filtered, 0.1)]);
    for (const level of SAME_PICTURE_LEVELS) expect(groupDuplicates(shots, 0.2, level)).toHaveLength(1);
  });
});
