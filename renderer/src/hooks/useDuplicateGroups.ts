import { useMemo } from 'react';
import type { DuplicateGraph, PhotoInfo, SamePictureLevel } from '../../../shared/contract';
import { groupPrepared, keeperContextOf, prepareGraph } from '../../../shared/duplicates';
import { createDistanceLookup, type DistanceLookup } from '../duplicates/distanceLookup';
import { buildGroupViews, type GroupView, type GroupViewCache } from '../duplicates/groupViews';
import type { KeeperChoices } from '../duplicates/keeperChoices';

export interface DuplicateGroups {
  groups: GroupView[];
  /** For the per-photo details of the rows on screen. */
  distanceBetween: DistanceLookup | null;
}

/**
 * Groups at a threshold and a same-picture level. Everything that depends only on the graph and the level is
 * memoised, so a slider move costs one `groupPrepared` pass plus the lean views of the groups that changed
 * (a level change prepares the graph again, still without the engine).
 */
export function useDuplicateGroups(
  graph: DuplicateGraph | null,
  threshold: number,
  choices: KeeperChoices,
  samePictureLevel?: SamePictureLevel,
): DuplicateGroups {
  const prepared = useMemo(
    () => (graph ? prepareGraph(graph, samePictureLevel) : null),
    [graph, samePictureLevel],
  );
  const photosByPath = useMemo(
    () => new Map<string, PhotoInfo>(graph?.photos.map((photo) => [photo.path, photo])),
    [graph],
  );
  const distanceBetween = useMemo(() => (graph ? createDistanceLookup(graph) : null), [graph]);
  const rawGroups = useMemo(
    () => (prepared ? groupPrepared(prepared, threshold) : []),
    [prepared, threshold],
  );
  // The rule and protected folders the grouping used: the cards say why each keeper won, and what is protected.
  const keeperContext = useMemo(() => (graph ? keeperContextOf(graph) : null), [graph]);
  // Views built at earlier thresholds, reused for the groups that still hold (see GroupViewCache); the
  // dependencies are the inputs the views are built from, so new ones start a new cache.
  const viewCache = useMemo<GroupViewCache>(() => new WeakMap(), [photosByPath, choices, keeperContext]);
  const groups = useMemo(
    () => buildGroupViews(rawGroups, photosByPath, choices, keeperContext ?? undefined, viewCache),
    [rawGroups, photosByPath, choices, keeperContext, viewCache],
  );
  return { groups, distanceBetween };
}
