import { useMemo } from 'react';
import type { DuplicateGraph, PhotoInfo } from '../../../shared/contract';
import { groupPrepared, prepareGraph } from '../../../shared/duplicates';
import { createDistanceLookup } from '../duplicates/distanceLookup';
import { buildGroupViews, type GroupView } from '../duplicates/groupViews';
import type { KeeperChoices } from '../duplicates/keeperChoices';

/**
 * Groups at a threshold. Everything that depends only on the graph is memoised per graph, so a slider move
 * costs one `groupPrepared` pass plus the cheap per-group views.
 */
export function useDuplicateGroups(
  graph: DuplicateGraph | null,
  threshold: number,
  choices: KeeperChoices,
): GroupView[] {
  const prepared = useMemo(() => (graph ? prepareGraph(graph) : null), [graph]);
  const photosByPath = useMemo(
    () => new Map<string, PhotoInfo>(graph?.photos.map((photo) => [photo.path, photo])),
    [graph],
  );
  const distanceBetween = useMemo(() => (graph ? createDistanceLookup(graph) : null), [graph]);
  const rawGroups = useMemo(
    () => (prepared ? groupPrepared(prepared, threshold) : []),
    [prepared, threshold],
  );
  return useMemo(
    () => (distanceBetween ? buildGroupViews(rawGroups, photosByPath, choices, distanceBetween) : []),
    [rawGroups, photosByPath, choices, distanceBetween],
  );
}
