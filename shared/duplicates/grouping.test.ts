import { describe, expect, it } from 'vitest';
import type { DuplicateGraph, DuplicateGroup, DuplicatePair, PhotoInfo } from '../contract/entities';
import { groupDuplicates, groupPrepared, prepareGraph } from './grouping';
import { compareKeeperPreference, pickKeeper } from './keeper';
import { graphOf, photo, similar } from './testing/graph-fixtures';

function pathsOf(group: DuplicateGroup): string[] {
  return group.items.map((item) => item.path).sort();
}

/** Shot i of the burst; paths are zero-padded so sorting by path is sorting by shot. */
const shotPath = (i: number): string => `/burst/IMG_${String(i).padStart(4, '0')}.jpg`;
const shotIndex = (path: string): number => Number(/IMG_(\d+)/.exec(path)![1]);

/**
 * A burst of 50 slowly changing shots: neighbours are close, and the distance grows with the gap between
 * shots, so single linkage would chain all 50 into one group whose first and last shots are unrelated.
 */
function burst(count = 50, maxGap = 5): { graph: DuplicateGraph; distance: Map<string, number> } {
  const photos = Array.from({ length: count }, (_, i) => photo(shotPath(i), { size: 1_000 + i }));
  const pairs: DuplicatePair[] = [];
  const distance = new Map<string, number>();
  // Gap 1 -> 0.1, gap 2 -> 0.19, gap 3 -> 0.28, ...; pairs further apart than maxGap are absent.
  for (let gap = 1; gap <= maxGap; gap++) {
    for (let i = 0; i + gap < count; i++) {
      const d = Math.round((0.1 + 0.09 * (gap - 1)) * 100) / 100;
      pairs.push(similar(photos[i]!, photos[i + gap]!, d));
      distance.set(`${i}|${i + gap}`, d);
    }
  }
  return { graph: graphOf(photos, pairs), distance };
}

/** Complete linkage, checked from the outside: every two members have a recorded distance <= threshold. */
function expectCompleteLinkage(groups: DuplicateGroup[], distance: Map<string, number>, threshold: number) {
  for (const group of groups) {
    const shots = group.items.map((item) => shotIndex(item.path)).sort((a, b) => a - b);
    for (let i = 0; i < shots.length; i++) {
      for (let j = i + 1; j < shots.length; j++) {
        const d = distance.get(`${shots[i]}|${shots[j]}`);
        expect(d, `shots ${shots[i]} and ${shots[j]} share a group`).toBeDefined();
        expect(d!).toBeLessThanOrEqual(threshold);
      }
    }
  }
}

function spanOf(group: DuplicateGroup): number {
  const shots = group.items.map((item) => shotIndex(item.path));
  return Math.max(...shots) - Math.min(...shots);
}

describe('groupDuplicates: complete linkage on a burst', () => {
  it('splits a 50-shot burst into runs of mutually close shots instead of chaining it into one group', () => {
    const { graph, distance } = burst();
    const groups = groupDuplicates(graph, 0.2);

    expect(groups.length).toBeGreaterThan(1);
    expectCompleteLinkage(groups, distance, 0.2);
    // At 0.2 only gaps 1 and 2 link, so no group can hold two shots more than 2 apart.
    for (const group of groups) expect(spanOf(group)).toBeLessThanOrEqual(2);
    // Each shot is in at most one group.
    const all = groups.flatMap((group) => group.items.map((item) => item.path));
    expect(new Set(all).size).toBe(all.length);
    // Greedy merging by closest links first gives runs of three: 0-2, 3-5, ..., 45-47, then 48-49.
    expect(groups).toHaveLength(17);
    expect(all).toHaveLength(50);
  });

  it('keeps complete linkage and a bounded span at every threshold', () => {
    const { graph, distance } = burst();
    for (const threshold of [0.05, 0.1, 0.15, 0.19, 0.2, 0.28, 0.3, 0.37, 0.46, 1]) {
      const groups = groupDuplicates(graph, threshold);
      expectCompleteLinkage(groups, distance, threshold);
      // Links exist only up to a gap of 5, so no group can be wider than that whatever the threshold.
      for (const group of groups) expect(spanOf(group)).toBeLessThanOrEqual(5);
    }
  });
});

describe('groupDuplicates: threshold', () => {
  it('merges as the threshold rises and splits, then dissolves, as it falls (burst)', () => {
    const { graph } = burst();
    const summary = (threshold: number) => {
      const groups = groupDuplicates(graph, threshold);
      return { groups: groups.length, sizes: [...new Set(groups.map((group) => group.items.length))].sort() };
    };
    expect(summary(0.05)).toEqual({ groups: 0, sizes: [] });
    // Only neighbours link: 25 pairs.
    expect(summary(0.15)).toEqual({ groups: 25, sizes: [2] });
    // Gaps up to 2: runs of 3 (16) and the tail pair 48-49.
    expect(summary(0.2)).toEqual({ groups: 17, sizes: [2, 3] });
    // Gaps up to 3: runs of 4 (12) and the tail pair.
    expect(summary(0.3)).toEqual({ groups: 13, sizes: [2, 4] });
  });

  it('merges a triangle only when its longest edge is within the threshold', () => {
    const a = photo('/a.jpg');
    const b = photo('/b.jpg');
    const c = photo('/c.jpg');
    const graph = graphOf([a, b, c], [similar(a, b, 0.1), similar(b, c, 0.2), similar(a, c, 0.25)]);

    expect(groupDuplicates(graph, 0.05)).toEqual([]);
    expect(groupDuplicates(graph, 0.15).map(pathsOf)).toEqual([['/a.jpg', '/b.jpg']]);
    // b-c is within 0.22 but a-c is not, so c cannot join {a, b} and stays alone.
    expect(groupDuplicates(graph, 0.22).map(pathsOf)).toEqual([['/a.jpg', '/b.jpg']]);
    expect(groupDuplicates(graph, 0.25).map(pathsOf)).toEqual([['/a.jpg', '/b.jpg', '/c.jpg']]);
  });

  it('includes a pair exactly at the threshold', () => {
    const a = photo('/a.jpg');
    const b = photo('/b.jpg');
    const graph = graphOf([a, b], [similar(a, b, 0.2)]);
    expect(groupDuplicates(graph, 0.2)).toHaveLength(1);
    expect(groupDuplicates(graph, 0.1999)).toHaveLength(0);
  });

  it('ignores pairs with no distance and no same-picture verdict, and pairs naming unknown hashes', () => {
    const a = photo('/a.jpg');
    const b = photo('/b.jpg');
    const graph = graphOf(
      [a, b],
      [
        { a: a.hash, b: b.hash, distance: null, samePicture: false },
        { a: a.hash, b: 'hash:not-indexed', distance: 0, samePicture: true },
      ],
    );
    expect(groupDuplicates(graph, 10)).toEqual([]);
  });
});

/** The same list in an order drawn from `seed` (a small LCG: the test needs repeatable orders, not quality). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 48271) % 2147483647;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function groupingOf(groups: DuplicateGroup[]): string[][] {
  return groups.map(pathsOf);
}

describe('groupDuplicates: input order', () => {
  // The store returns pairs in no fixed order (ClickHouse's joins and GROUP BY), so ties between links must
  // not be broken by the order they arrive in: the same library must group the same way on every run.
  it('gives the same groups whatever order the pairs and photos come in (a burst: many equal distances)', () => {
    const { graph } = burst(30);
    const expected = groupingOf(groupDuplicates(graph, 0.2));
    expect(expected.length).toBeGreaterThan(1);
    for (let seed = 1; seed <= 20; seed++) {
      const reordered = {
        ...graph,
        pairs: shuffled(graph.pairs, seed),
        photos: shuffled(graph.photos, seed + 99),
      };
      expect(groupingOf(groupDuplicates(reordered, 0.2)), `order ${seed}`).toEqual(expected);
    }
  });

  it('takes the closer of two same-picture partners when the two are not the same picture of each other', () => {
    // A crop and a brightened copy each match the original, but not each other: only one can join it.
    const original = photo('/DCIM/IMG_1.jpg');
    const cropped = photo('/exports/cropped.jpg', { width: 3800, height: 2850 });
    const brightened = photo('/exports/brightened.jpg', { size: 900 });
    const pairs: DuplicatePair[] = [
      { a: original.hash, b: brightened.hash, distance: 0.3, samePicture: true },
      { a: original.hash, b: cropped.hash, distance: 0.08, samePicture: true },
    ];
    for (const order of [pairs, [...pairs].reverse()]) {
      const groups = groupDuplicates(graphOf([original, cropped, brightened], order), 0.2);
      expect(groupingOf(groups)).toEqual([['/DCIM/IMG_1.jpg', '/exports/cropped.jpg']]);
    }
  });
});

describe('groupDuplicates: kinds', () => {
  it('groups identical files (same hash, different paths) as identical with no pairs at all', () => {
    const original = photo('/photos/a.jpg', { hash: 'same' });
    const copy = photo('/backup/a.jpg', { hash: 'same' });
    const other = photo('/photos/b.jpg');
    const groups = groupDuplicates(graphOf([original, copy, other], []), 0);

    expect(groups).toHaveLength(1);
    expect(groups[0]!.kind).toBe('identical');
    expect(pathsOf(groups[0]!)).toEqual(['/backup/a.jpg', '/photos/a.jpg']);
    expect(groups[0]!.items.map((item) => item.distance)).toEqual([0, 0]);
  });

  it('keeps a same-picture pair grouped at threshold 0, whatever its embedding distance', () => {
    const a = photo('/a.jpg');
    const b = photo('/b-small.jpg', { width: 1000, height: 750 });
    for (const distance of [0.35, null]) {
      const graph = graphOf([a, b], [{ a: a.hash, b: b.hash, distance, samePicture: true }]);
      const groups = groupDuplicates(graph, 0);
      expect(groups).toHaveLength(1);
      expect(groups[0]!.kind).toBe('same-picture');
      expect(groups[0]!.items).toEqual([
        { path: '/a.jpg', distance: 0 },
        { path: '/b-small.jpg', distance: distance ?? 0 },
      ]);
    }
  });

  it('calls a group the weakest kind among its links', () => {
    const a1 = photo('/a1.jpg', { hash: 'A' });
    const a2 = photo('/a2.jpg', { hash: 'A' });
    const b = photo('/b.jpg', { hash: 'B' });
    const c = photo('/c.jpg', { hash: 'C' });

    // Two identical files plus a same-picture edit of them.
    const samePicture = groupDuplicates(
      graphOf([a1, a2, b], [{ a: 'A', b: 'B', distance: null, samePicture: true }]),
      0,
    );
    expect(samePicture.map((group) => group.kind)).toEqual(['same-picture']);
    expect(samePicture[0]!.items).toHaveLength(3);

    // Two identical files plus a merely similar shot.
    const mixed = groupDuplicates(
      graphOf([a1, a2, c], [{ a: 'A', b: 'C', distance: 0.1, samePicture: false }]),
      0.2,
    );
    expect(mixed.map((group) => group.kind)).toEqual(['similar']);
    expect(mixed[0]!.items).toHaveLength(3);

    // Below the similar link's distance, only the identical pair remains.
    const identicalOnly = groupDuplicates(
      graphOf([a1, a2, c], [{ a: 'A', b: 'C', distance: 0.1, samePicture: false }]),
      0.05,
    );
    expect(identicalOnly.map((group) => [group.kind, group.items.length])).toEqual([['identical', 2]]);
  });
});

describe('groupDuplicates: dismissed pairs', () => {
  it('never links a pair the user marked "not duplicates", in either order', () => {
    const a = photo('/a.jpg');
    const b = photo('/b.jpg');
    for (const dismissed of [[a.hash, b.hash] as [string, string], [b.hash, a.hash] as [string, string]]) {
      const similarGraph = graphOf([a, b], [similar(a, b, 0.01)], [dismissed]);
      expect(groupDuplicates(similarGraph, 1)).toEqual([]);
      const samePictureGraph = graphOf(
        [a, b],
        [{ a: a.hash, b: b.hash, distance: 0, samePicture: true }],
        [dismissed],
      );
      expect(groupDuplicates(samePictureGraph, 1)).toEqual([]);
    }
  });

  it('keeps a dismissed pair apart even when both are close to a third photo', () => {
    const a = photo('/a.jpg', { size: 3_000 });
    const b = photo('/b.jpg', { size: 2_000 });
    const c = photo('/c.jpg', { size: 1_000 });
    const graph = graphOf(
      [a, b, c],
      [similar(a, b, 0.05), similar(b, c, 0.06), similar(a, c, 0.07)],
      [[c.hash, a.hash]],
    );
    const groups = groupDuplicates(graph, 0.5);
    expect(groups.map(pathsOf)).toEqual([['/a.jpg', '/b.jpg']]);
    for (const group of groups) {
      const paths = pathsOf(group);
      expect(paths.includes('/a.jpg') && paths.includes('/c.jpg')).toBe(false);
    }
  });
});

describe('keeper and group description', () => {
  /** Group two photos via a same-picture link and return the keeper's path. */
  function keeperOf(first: PhotoInfo, second: PhotoInfo): string {
    const graph = graphOf(
      [first, second],
      [{ a: first.hash, b: second.hash, distance: 0.1, samePicture: true }],
    );
    const groups = groupDuplicates(graph, 0);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.items[0]).toEqual({ path: groups[0]!.keeper, distance: 0 });
    return groups[0]!.keeper;
  }

  it('prefers the largest resolution, even over a larger file', () => {
    const big = photo('/z/long/path/original.jpg', { width: 4000, height: 3000, size: 1_000 });
    const small = photo('/a.jpg', { width: 2000, height: 1500, size: 9_000 });
    expect(keeperOf(small, big)).toBe(big.path);
    expect(keeperOf(big, small)).toBe(big.path);
  });

  it('then the larger file', () => {
    const larger = photo('/z/long/larger.jpg', { size: 5_000, takenAt: '2024-01-01T00:00:00Z' });
    const smaller = photo('/a.jpg', { size: 4_000, takenAt: '2000-01-01T00:00:00Z' });
    expect(keeperOf(smaller, larger)).toBe(larger.path);
  });

  it('then the oldest capture date, falling back to the file time when there is none', () => {
    const older = photo('/z/long/older.jpg', {
      takenAt: '2019-05-01T10:00:00Z',
      mtimeMs: Date.UTC(2024, 0, 1),
    });
    const newer = photo('/a.jpg', { takenAt: '2020-05-01T10:00:00Z', mtimeMs: Date.UTC(2001, 0, 1) });
    expect(keeperOf(newer, older)).toBe(older.path);

    // No EXIF date: its file time (2018) is older than the other's capture date (2019).
    const undated = photo('/z/long/undated.jpg', { takenAt: null, mtimeMs: Date.UTC(2018, 0, 1) });
    expect(keeperOf(older, undated)).toBe(undated.path);

    // An unparseable date also falls back to the file time.
    const garbled = photo('/z/long/garbled.jpg', { takenAt: 'not a date', mtimeMs: Date.UTC(2017, 0, 1) });
    expect(keeperOf(older, garbled)).toBe(garbled.path);
  });

  it('then the shorter path, then alphabetical', () => {
    // The shorter path wins even though the longer one sorts first alphabetically.
    const short = photo('/p/z.jpg');
    const long = photo('/p/a/copy.jpg');
    expect(keeperOf(long, short)).toBe(short.path);
    expect(keeperOf(short, long)).toBe(short.path);
    const sameLength = photo('/p/y.jpg');
    expect(keeperOf(short, sameLength)).toBe(sameLength.path);
  });

  it('pickKeeper agrees with the comparator and refuses an empty list', () => {
    const photos = [
      photo('/c.jpg', { width: 100, height: 100 }),
      photo('/b.jpg', { width: 300, height: 200, size: 10 }),
      photo('/a.jpg', { width: 300, height: 200, size: 20 }),
    ];
    expect(pickKeeper(photos).path).toBe('/a.jpg');
    expect([...photos].sort(compareKeeperPreference).map((p) => p.path)).toEqual([
      '/a.jpg',
      '/b.jpg',
      '/c.jpg',
    ]);
    expect(() => pickKeeper([])).toThrow();
  });

  it('puts the keeper first with distance 0, lists the distance of every other item to the keeper', () => {
    const keeper = photo('/keeper.jpg', { width: 6000, height: 4000, size: 8_000 });
    const b = photo('/b.jpg', { size: 3_000 });
    const c = photo('/c.jpg', { size: 2_000 });
    const graph = graphOf(
      [c, b, keeper],
      [similar(keeper, b, 0.12), similar(keeper, c, 0.08), similar(b, c, 0.1)],
    );
    const [group] = groupDuplicates(graph, 0.2);

    expect(group!.keeper).toBe('/keeper.jpg');
    expect(group!.items[0]).toEqual({ path: '/keeper.jpg', distance: 0 });
    // Non-keepers follow keeper preference (larger file first), each with its distance to the keeper,
    // not to its nearest neighbour (b-c is 0.1, but b is 0.12 from the keeper).
    expect(group!.items.slice(1)).toEqual([
      { path: '/b.jpg', distance: 0.12 },
      { path: '/c.jpg', distance: 0.08 },
    ]);
    expect(group!.reclaimableBytes).toBe(3_000 + 2_000);
  });

  it('sorts groups identical, same-picture, similar, then by reclaimable bytes', () => {
    const photos = [
      // similar, reclaims 100
      photo('/s1/k.jpg', { size: 500 }),
      photo('/s1/x.jpg', { size: 100 }),
      // similar, reclaims 900
      photo('/s2/k.jpg', { size: 1_000 }),
      photo('/s2/x.jpg', { size: 900 }),
      // same picture, reclaims 10
      photo('/p/k.jpg', { size: 50 }),
      photo('/p/x.jpg', { size: 10 }),
      // identical, reclaims 5
      photo('/i/k.jpg', { size: 5, hash: 'I' }),
      photo('/i/x.jpg', { size: 5, hash: 'I' }),
      // identical, reclaims 2 x 7
      photo('/j/k.jpg', { size: 7, hash: 'J' }),
      photo('/j/x.jpg', { size: 7, hash: 'J' }),
      photo('/j/y.jpg', { size: 7, hash: 'J' }),
    ];
    const byPath = new Map(photos.map((p) => [p.path, p]));
    const at = (path: string) => byPath.get(path)!;
    const graph = graphOf(photos, [
      similar(at('/s1/k.jpg'), at('/s1/x.jpg'), 0.1),
      similar(at('/s2/k.jpg'), at('/s2/x.jpg'), 0.15),
      { a: at('/p/k.jpg').hash, b: at('/p/x.jpg').hash, distance: 0.3, samePicture: true },
    ]);
    const groups = groupDuplicates(graph, 0.2);

    expect(groups.map((group) => [group.kind, group.keeper, group.reclaimableBytes])).toEqual([
      ['identical', '/j/k.jpg', 14],
      ['identical', '/i/k.jpg', 5],
      ['same-picture', '/p/k.jpg', 10],
      ['similar', '/s2/k.jpg', 900],
      ['similar', '/s1/k.jpg', 100],
    ]);
  });
});

describe('prepareGraph + groupPrepared', () => {
  it('gives the same groups as groupDuplicates at every threshold, reusing one prepared graph', () => {
    const { graph } = burst(30);
    // Add identical copies, a same-picture pair and a dismissed pair so every link kind is exercised.
    const extra = [
      photo('/x/copy1.jpg', { hash: 'X' }),
      photo('/x/copy2.jpg', { hash: 'X' }),
      photo('/y/edit.jpg', { width: 800, height: 600 }),
    ];
    const mixed: DuplicateGraph = {
      ...graph,
      photos: [...graph.photos, ...extra],
      pairs: [
        ...graph.pairs,
        { a: 'X', b: extra[2]!.hash, distance: null, samePicture: true },
        similar(extra[2]!, graph.photos[0]!, 0.12),
      ],
      dismissed: [[graph.photos[3]!.hash, graph.photos[4]!.hash]],
    };
    const prepared = prepareGraph(mixed);
    for (const threshold of [0, 0.1, 0.15, 0.2, 0.3, 0.5]) {
      expect(groupPrepared(prepared, threshold)).toEqual(groupDuplicates(mixed, threshold));
    }
  });
});
