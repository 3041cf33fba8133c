import { it } from 'vitest';
import { groupPrepared, prepareGraph } from '../../shared/duplicates';
import { createDistanceLookup } from './duplicates/distanceLookup';
import { buildGroupViews } from './duplicates/groupViews';
import { filterAndSortGroups, summariseGroups } from './duplicates/groupOrdering';
import { planBulkTrash } from './duplicates/bulkTrashPlan';
import { graphOf, photo } from './testing/photoFixtures';

it('profile', () => {
  const photos = []; const pairs = [];
  for (let g = 0; g < 10000; g++) {
    const a = photo(`/f${g % 3}/a${g}.jpg`); photos.push(a);
    if (g % 3 === 0) photos.push(photo(`/b/a${g}.jpg`, { hash: a.hash }));
    else if (g % 3 === 1) { const b = photo(`/f/e/a${g}.jpg`, { width: 100 }); photos.push(b); pairs.push({ a: a.hash, b: b.hash, distance: 0.02, samePicture: true }); }
    else { const b = photo(`/f/b${g}.jpg`); const c = photo(`/f/c${g}.jpg`); photos.push(b, c);
      pairs.push({ a: a.hash, b: b.hash, distance: 0.08, samePicture: false }, { a: a.hash, b: c.hash, distance: 0.11, samePicture: false }, { a: b.hash, b: c.hash, distance: 0.13, samePicture: false }); }
  }
  const graph = graphOf(photos, pairs);
  const t = (label: string, fn: () => unknown) => { const t0 = performance.now(); const r = fn(); console.log(label, (performance.now() - t0).toFixed(1), 'ms'); return r; };
  const prepared = t('prepare', () => prepareGraph(graph)) as ReturnType<typeof prepareGraph>;
  const byPath = new Map(photos.map((p) => [p.path, p]));
  const lookup = createDistanceLookup(graph);
  for (const th of [0.05, 0.3, 0.12, 0.05, 0.3, 0.12, 0.05, 0.3, 0.12]) {
    const groups = t(`group ${th}`, () => groupPrepared(prepared, th)) as ReturnType<typeof groupPrepared>;
    const views = t('  views', () => buildGroupViews(groups, byPath, new Map(), lookup)) as ReturnType<typeof buildGroupViews>;
    const sorted = t('  sort', () => filterAndSortGroups(views, 'all', 'space'));
    t('  summary+plan', () => { summariseGroups(sorted); planBulkTrash(sorted); });
  }
});
