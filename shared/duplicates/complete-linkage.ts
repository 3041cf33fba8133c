import type { DuplicateGroup } from '../contract/entities';
import { describeGroup, sortGroups } from './group-display';
import { linkBetween, type PreparedGraph } from './prepared-graph';

/**
 * Complete linkage at one threshold over a prepared graph: groups grow by the closest links first, and two
 * groups merge only if EVERY photo of one is linked to EVERY photo of the other at this threshold. Each group
also lists its copy sets (see describeGroup). Called on
 * every slider move, so it allocates typed arrays only.
 */
export function groupPrepared(prepared: PreparedGraph, threshold: number): DuplicateGroup[] {
  const { photos, linkFrom, linkTo, linkGate, linkDecides } = prepared;
  const count = photos.length;
  // Clusters as linked lists in typed arrays: a merge is O(smaller side) and allocates nothing.
  const clusterOf = new Int32Array(count).fill(-1);
  const nextMember = new Int32Array(count).fill(-1);
  const firstMember = new Int32Array(count);
  const lastMember = new Int32Array(count);
  const clusterSize = new Int32Array(count);
  let clusterCount = 0;
  const clusterOfPhoto = (photo: number): number => {
    if (clusterOf[photo]! >= 0) return clusterOf[photo]!;
    const id = clusterCount++;
    clusterOf[photo] = id;
    firstMember[id] = lastMember[id] = photo;
    clusterSize[id] = 1;
    return id;
  };
  // The farthest gate a link may have to count: while copy sets form, copy links only (so a similar pair
  // never joins two copy sets), then the threshold.
  let gateLimit = -Infinity;
  const allLinked = (left: number, right: number): boolean => {
    for (let a = firstMember[left]!; a >= 0; a = nextMember[a]!)
      for (let b = firstMember[right]!; b >= 0; b = nextMember[b]!) {
        const index = linkBetween(prepared, a, b);
        if (index < 0 || linkGate[index]! > gateLimit) return false;
      }
    return true;
  };
  const merge = (index: number): void => {
    const left = clusterOfPhoto(linkFrom[index]!);
    const right = clusterOfPhoto(linkTo[index]!);
    if (left === right) return;
    // Two lone photos joined by the link that decides their pair need no lookup: it holds at gateLimit.
    const lonePair = clusterSize[left] === 1 && clusterSize[right] === 1 && linkDecides[index] === 1;
    if (!lonePair && !allLinked(left, right)) return;
    const merged = clusterSize[left]! >= clusterSize[right]! ? left : right;
    const absorbed = merged === left ? right : left;
    for (let member = firstMember[absorbed]!; member >= 0; member = nextMember[member]!)
      clusterOf[member] = merged;
    nextMember[lastMember[merged]!] = firstMember[absorbed]!;
    lastMember[merged] = lastMember[absorbed]!;
    clusterSize[merged]! += clusterSize[absorbed]!;
    clusterSize[absorbed] = 0;
  };
  // Copy links (identical, RAW+JPEG, same picture) come first, at any threshold. The clusters they make
  // alone are the copy sets: clusters only ever merge, so each group is a union of them.
  let index = 0;
  for (; index < linkGate.length && linkGate[index]! === -Infinity; index++) merge(index);
  const copySetOf = clusterOf.slice();
  gateLimit = threshold;
  for (; index < linkGate.length && linkGate[index]! <= threshold; index++) merge(index);
  const groups: DuplicateGroup[] = [];
  const keepers: number[] = [];
  const members: number[] = [];
  for (let id = 0; id < clusterCount; id++) {
    if (clusterSize[id]! < 2) continue;
    members.length = 0;
    for (let member = firstMember[id]!; member >= 0; member = nextMember[member]!) members.push(member);
    groups.push(describeGroup(members, copySetOf, prepared));
    keepers.push(members[0]!); // describeGroup sorted the members keeper first
  }
  return sortGroups(groups, keepers, prepared);
}
