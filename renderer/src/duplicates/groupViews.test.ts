import { describe, expect, it } from 'vitest';
import type { DuplicatePair, PhotoInfo } from '../../../shared/contract';
import { groupDuplicates, groupPrepared, prepareGraph } from '../../../shared/duplicates';
import { graphOf, photo, similar } from '../testing/photoFixtures';
import { buildGroupView, buildGroupViews, type GroupViewCache } from './groupViews';
import { chooseKeeper, noKeeperChoices } from './keeperChoices';

// A lone shot C (the suggested keeper: the largest file), shot A twice byte for byte, shot B twice.
const c = photo('/p/C.jpg', { size: 9_000_000 });
const a = photo('/p/A.jpg', { hash: 'a', size: 5_000_000 });
const aCopy = photo('/p/copy/A.jpg', { hash: 'a', size: 5_000_000 });
const b = photo('/p/B.jpg', { size: 4_000_000 });
const bSmall = photo('/p/web/B.jpg', { width: 1600, height: 1200, size: 600_000 });
const shots = [c, a, b, bSmall];
const pairs: DuplicatePair[] = [{ a: b.hash, b: bSmall.hash, distance: 0.01, samePicture: true }];
for (let i = 0; i < shots.length; i++)
  for (let j = i + 1; j < shots.length; j++)
    if (!(shots[i] === b && shots[j] === bSmall)) pairs.push(similar(shots[i]!, shots[j]!, 0.05));
const graph = graphOf([c, a, aCopy, b, bSmall], pairs);
const photosByPath = new Map<string, PhotoInfo>(graph.photos.map((p) => [p.path, p]));
const paths = (list: readonly PhotoInfo[]) => list.map((p) => p.path);

describe('buildGroupView: copy sets', () => {
  const [group] = groupDuplicates(graph, graph.defaultThreshold);

  it('keeps each copy set adjacent after the keeper, the shots with no copy around them', () => {
    const view = buildGroupView(group!, photosByPath, noKeeperChoices)!;
    expect(view.kind).toBe('similar');
    expect(paths(view.photos)).toEqual(['/p/C.jpg', '/p/A.jpg', '/p/copy/A.jpg', '/p/B.jpg', '/p/web/B.jpg']);
    expect(view.copySets.map((set) => [set.kind, paths(set.photos)])).toEqual([
      ['identical', ['/p/A.jpg', '/p/copy/A.jpg']],
      ['same-picture', ['/p/B.jpg', '/p/web/B.jpg']],
    ]);
  });

  it('makes the picked keeper its set’s keeper and puts that set first', () => {
    const choices = chooseKeeper(noKeeperChoices, paths(graph.photos), '/p/web/B.jpg');
    const view = buildGroupView(group!, photosByPath, choices)!;
    expect(paths(view.photos)).toEqual(['/p/web/B.jpg', '/p/B.jpg', '/p/A.jpg', '/p/copy/A.jpg', '/p/C.jpg']);
    expect(view.copySets.map((set) => paths(set.photos))).toEqual([
      ['/p/web/B.jpg', '/p/B.jpg'],
      ['/p/A.jpg', '/p/copy/A.jpg'],
    ]);
  });
});

describe('buildGroupViews: the view cache', () => {
  it('builds a view once per group object, for as long as the photos, choices and rule stay the same', () => {
    const prepared = prepareGraph(graph);
    const cache: GroupViewCache = new WeakMap();
    const first = buildGroupViews(
      groupPrepared(prepared, 0.05),
      photosByPath,
      noKeeperChoices,
      undefined,
      cache,
    );
    const again = buildGroupViews(
      groupPrepared(prepared, 0.06),
      photosByPath,
      noKeeperChoices,
      undefined,
      cache,
    );
    expect(first).toHaveLength(1);
    expect(again[0]).toBe(first[0]);
    // Without a cache (or with a new one, as a new set of choices makes) the view is built again, equal.
    const rebuilt = buildGroupViews(groupPrepared(prepared, 0.06), photosByPath, noKeeperChoices);
    expect(rebuilt[0]).not.toBe(first[0]);
    expect(rebuilt).toEqual(first);
  });
});
