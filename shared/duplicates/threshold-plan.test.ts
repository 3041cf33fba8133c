import { describe, expect, it } from 'vitest';
import type { DuplicateGraph, SamePictureLevel } from '../contract/entities';
import { groupAtThreshold, groupPrepared } from './complete-linkage';
import { prepareGraph } from './prepared-graph';
import { SAME_PICTURE_LEVELS } from './same-picture-levels';
import { graphOf, photo, similar } from './testing/graph-fixtures';
import { randomDuplicateGraph, thresholdsOf, type RandomGraphOptions } from './testing/random-graph';
import { referenceGroupPrepared } from './testing/reference-complete-linkage';
import { buildThresholdPlan, DEFAULT_PLAN_LIMITS, groupsOfPlan, thresholdPlanOf } from './threshold-plan';

/** Every threshold that changes the graph's groups gives exactly the reference's groups, in its order. */
function expectSameAsReference(graph: DuplicateGraph, level?: SamePictureLevel): number {
  const prepared = prepareGraph(graph, level);
  const thresholds = thresholdsOf(graph);
  let groups = 0;
  for (const threshold of thresholds) {
    const expected = referenceGroupPrepared(prepared, threshold);
    expect(groupPrepared(prepared, threshold), `at ${threshold}`).toStrictEqual(expected);
    expect(groupAtThreshold(prepared, threshold), `at ${threshold}`).toStrictEqual(expected);
    groups += expected.length;
  }
  return groups;
}

const SHAPES: [string, RandomGraphOptions][] = [
  ['sparse bursts', { photos: 300, pairChance: 0.5, burstShots: 6, crossChance: 0.05 }],
  ['dense bursts', { photos: 300, pairChance: 0.95, burstShots: 9, crossChance: 0.1 }],
  ['bursts chained into long parts', { photos: 240, pairChance: 0.8, burstShots: 5, crossChance: 0.9 }],
];

describe('groupPrepared (the threshold plan)', () => {
  for (const [shape, options] of SHAPES) {
    it(`gives today's groups at every threshold and same-picture level: ${shape}`, () => {
      for (const seed of [1, 2]) {
        for (const level of SAME_PICTURE_LEVELS) {
          const graph = randomDuplicateGraph(seed, options);
          // Not vacuous: the graphs group, with copies inside similar groups.
          expect(expectSameAsReference(graph, level)).toBeGreaterThan(100);
        }
      }
    });
  }

  it('lets a merge refused at one threshold through at a higher one (complete linkage, not a cut of one tree)', () => {
    // a-b close, a-c a little further, b-c far: c joins a and b only once b-c holds too.
    const [a, b, c] = [photo('/a.jpg'), photo('/b.jpg'), photo('/c.jpg')];
    const graph = graphOf([a, b, c], [similar(a, b, 0.1), similar(a, c, 0.2), similar(b, c, 0.3)]);
    const prepared = prepareGraph(graph);
    const sizes = [0.25, 0.35].map((threshold) => groupPrepared(prepared, threshold)[0]!.items.length);
    expect(sizes).toEqual([2, 3]);
    expectSameAsReference(graph);
  });

  it('gives the same groups when every part is replayed per threshold instead of planned', () => {
    const graph = randomDuplicateGraph(4, SHAPES[0]![1]);
    const prepared = prepareGraph(graph);
    const replayed = buildThresholdPlan(prepared, { workPerLink: 0, workFloor: 0, eagerGroups: 0 });
    // Only parts of copies alone (one set of groups at every threshold) are still planned.
    expect(replayed.liveLinkStart.length).toBeGreaterThan(20);
    expect(Array.from(replayed.from, (from, k) => [from, replayed.until[k]])).toEqual(
      Array.from(replayed.from, () => [-Infinity, NaN]),
    );
    const planned = thresholdPlanOf(prepared)!;
    expect(planned.liveLinkStart.length).toBe(1);
    for (const threshold of thresholdsOf(graph)) {
      const expected = referenceGroupPrepared(prepared, threshold);
      expect(groupsOfPlan(replayed, threshold), `at ${threshold}`).toStrictEqual(expected);
    }
  });

  it('mixes planned and replayed parts in list order', () => {
    // A dense cluster of 40 shots with distinct distances is left live under a small budget; the bursts
    // around it stay planned.
    const graph = randomDuplicateGraph(5, SHAPES[0]![1]);
    const shots = Array.from({ length: 40 }, (_, i) => photo(`/dense/IMG_${i}.jpg`, { size: 5_000 + i }));
    const densePairs = shots.flatMap((left, i) =>
      shots.slice(i + 1).map((right, j) => similar(left, right, 0.01 + ((i * 41 + j * 7) % 97) / 200)),
    );
    const mixed = { ...graph, photos: [...graph.photos, ...shots], pairs: [...graph.pairs, ...densePairs] };
    const prepared = prepareGraph(mixed);
    const plan = buildThresholdPlan(prepared, { ...DEFAULT_PLAN_LIMITS, workPerLink: 4, workFloor: 64 });
    expect(plan.liveLinkStart.length).toBeGreaterThan(1);
    expect(plan.from.length).toBeGreaterThan(0);
    for (const threshold of thresholdsOf(mixed)) {
      const expected = referenceGroupPrepared(prepared, threshold);
      expect(groupsOfPlan(plan, threshold), `at ${threshold}`).toStrictEqual(expected);
    }
  });

  it('replays the whole graph when distances are out of order (a negative distance)', () => {
    const graph = randomDuplicateGraph(6, SHAPES[0]![1]);
    const x = graph.photos[0]!;
    const y = graph.photos.find((other) => other.hash !== x.hash)!;
    const odd = { ...graph, pairs: [...graph.pairs, similar(x, y, -3)] };
    const prepared = prepareGraph(odd);
    expect(thresholdPlanOf(prepared)).toBeNull();
    for (const threshold of [-5, -3, 0, 0.2, 0.5]) {
      expect(groupPrepared(prepared, threshold)).toStrictEqual(referenceGroupPrepared(prepared, threshold));
    }
  });

  it('builds the groups on first use past the eager limit, the same groups', () => {
    const graph = randomDuplicateGraph(8, SHAPES[1]![1]);
    const prepared = prepareGraph(graph);
    const lazy = buildThresholdPlan(prepared, { ...DEFAULT_PLAN_LIMITS, eagerGroups: 0 });
    expect(lazy.groups.filter(Boolean)).toHaveLength(0);
    for (const threshold of [...thresholdsOf(graph), 0.2, 0.1]) {
      expect(groupsOfPlan(lazy, threshold), `at ${threshold}`).toStrictEqual(
        referenceGroupPrepared(prepared, threshold),
      );
    }
    expect(lazy.groups.filter(Boolean).length).toBeGreaterThan(100);
  });

  it('returns the same group object while a group holds, across thresholds', () => {
    const graph = randomDuplicateGraph(7, SHAPES[0]![1]);
    const prepared = prepareGraph(graph);
    const low = groupPrepared(prepared, 0.2);
    const high = new Set(groupPrepared(prepared, 0.22));
    expect(low.filter((group) => high.has(group)).length).toBeGreaterThan(low.length / 2);
  });
});
