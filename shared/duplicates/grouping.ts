import type { DuplicateGraph, DuplicateGroup, SamePictureLevel } from '../contract/entities';
import { groupAtThreshold } from './complete-linkage';
import { prepareGraph } from './prepared-graph';

export { groupAtThreshold, groupPrepared } from './complete-linkage';
export { prepareGraph, type PreparedGraph } from './prepared-graph';

/**
 * Near-duplicate groups at a threshold, from a precomputed pair graph. Pure and synchronous, so the UI's
 * slider can call it on every change without asking the engine.
 *
 * Rule (complete linkage): two photos are linked when they are byte-identical, when the perceptual check
 * says they are the same picture (at `samePictureLevel`, see same-picture-levels.ts), or when their embedding distance is at most `threshold`; pairs the user
 * marked "not duplicates" are never linked. Groups grow by the closest links first, and two groups merge
 * only if EVERY photo of one is linked to EVERY photo of the other. So a burst of slowly changing shots
 * splits into runs of mutually close shots instead of chaining into one group whose ends are unrelated.
 */
export function groupDuplicates(
  graph: DuplicateGraph,
  threshold: number,
  samePictureLevel?: SamePictureLevel,
): DuplicateGroup[] {
  // One threshold: replaying its links is cheaper than planning every threshold (groupPrepared).
  return groupAtThreshold(prepareGraph(graph, samePictureLevel), threshold);
}
