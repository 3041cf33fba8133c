import type { DuplicateGroup } from '../contract/entities';
import { describeGroup, sortGroups } from './group-display';
import { LinkageClusters } from './linkage-clusters';
import type { PreparedGraph } from './prepared-graph';
import { groupsOfPlan, thresholdPlanOf } from './threshold-plan';

/**
 * Complete linkage at one threshold over a prepared graph: groups grow by the closest links first, and two
 * groups merge only if EVERY photo of one is linked to EVERY photo of the other at this threshold. Each group
 * also lists its copy sets (see describeGroup).
 *
 * Called on every slider move, so it does not replay the links: the first call on a prepared graph works out
 * the groups at every threshold once (threshold-plan.ts), and each call then picks those that hold at its
 * threshold. The groups are therefore shared between calls on one prepared graph (a group that does not change
 * between two thresholds is the same object): read them, never change them. The result is the same as
 * groupAtThreshold's, which replays the links for one threshold.
 */
export function groupPrepared(prepared: PreparedGraph, threshold: number): DuplicateGroup[] {
  const plan = thresholdPlanOf(prepared);
  return plan ? groupsOfPlan(plan, threshold) : groupAtThreshold(prepared, threshold);
}

/**
 * Complete linkage at one threshold by replaying the links that hold there, in rank order: for a graph that is
 * grouped once (the CLI, an export), where working out every threshold would be wasted.
 */
export function groupAtThreshold(prepared: PreparedGraph, threshold: number): DuplicateGroup[] {
  const { linkGate } = prepared;
  const clusters = new LinkageClusters(prepared);
  // Copy links (identical, RAW+JPEG, same picture) come first, at any threshold. The clusters they make
  // alone are the copy sets: clusters only ever merge, so each group is a union of them.
  let index = 0;
  for (; index < linkGate.length && linkGate[index]! === -Infinity; index++) clusters.merge(index, -Infinity);
  const copySetOf = clusters.clusterOf.slice();
  for (; index < linkGate.length && linkGate[index]! <= threshold; index++) clusters.merge(index, threshold);
  const groups: DuplicateGroup[] = [];
  const keepers: number[] = [];
  const members: number[] = [];
  for (let photo = 0; photo < prepared.photos.length; photo++) {
    if (clusters.clusterOf[photo] !== photo || clusters.clusterSize[photo]! < 2) continue;
    groups.push(describeGroup(clusters.membersOf(photo, members), copySetOf, prepared));
    keepers.push(members[0]!); // describeGroup sorted the members keeper first
  }
  return sortGroups(groups, keepers, prepared);
}
