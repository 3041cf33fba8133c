import type { CopySet, DuplicateGroup, PhotoInfo } from '../../contract/entities';
import { KIND_LIST_ORDER, KIND_STRENGTH, KINDS_BY_STRENGTH, reclaimableBytes } from '../policy';
import { linkBetween, type PreparedGraph } from '../prepared-graph';

// The grouping as it was before the threshold plan (commit 661141e: complete-linkage.ts and
// group-display.ts, unchanged but for names), kept as the reference the plan must match exactly at every
// threshold: it replays the links for each threshold, which is slow but plainly right.

export function referenceGroupPrepared(prepared: PreparedGraph, threshold: number): DuplicateGroup[] {
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

/**
 * Stable order: identical, then same picture, then similar, then RAW+JPEG pairs (one shot each, nothing to
 * clean up); within a kind the most space to reclaim first;
 * then by keeper path (compared through pathRank: the keeper paths of two groups always differ).
 */
function sortGroups(groups: DuplicateGroup[], keepers: number[], prepared: PreparedGraph): DuplicateGroup[] {
  const kind = new Uint8Array(groups.length);
  const bytes = new Float64Array(groups.length);
  const keeperPath = new Int32Array(groups.length);
  groups.forEach((group, i) => {
    kind[i] = KIND_LIST_ORDER[group.kind];
    bytes[i] = group.reclaimableBytes;
    keeperPath[i] = prepared.pathRank[keepers[i]!]!;
  });
  const order = Array.from(groups, (_, i) => i);
  order.sort((a, b) => kind[a]! - kind[b]! || bytes[b]! - bytes[a]! || keeperPath[a]! - keeperPath[b]!);
  return order.map((i) => groups[i]!);
}

/**
 * A cluster as the user sees it: members keeper first, the group's kind (the weakest link among them), each
 * member's distance to the keeper, the space trashing the others would free, and its copy sets: the members
 * that `copySetOf` (each photo's cluster under copy links alone, -1 for none) puts together, two or more each.
 */
function describeGroup(members: number[], copySetOf: Int32Array, prepared: PreparedGraph): DuplicateGroup {
  const { kind, keeper, items, reclaimableBytes } = describeMembers(members, prepared);
  // Any other kind means every link is a copy link, so the group is one copy set (see groupPrepared).
  const copies =
    kind === 'similar'
      ? copySetsOf(members, copySetOf, prepared)
      : [{ kind, keeper, items, reclaimableBytes }];
  return { kind, keeper, items, reclaimableBytes, copies };
}

/**
 * The sets of two or more members that share a copy cluster, in keeper order (the keeper's own set first).
 * Groups are small (a burst), so a quadratic scan over integers beats building a map for each of them.
 */
function copySetsOf(ordered: number[], copySetOf: Int32Array, prepared: PreparedGraph): CopySet[] {
  const copies: CopySet[] = [];
  let taken: Uint8Array | null = null;
  for (let i = 0; i < ordered.length; i++) {
    const id = copySetOf[ordered[i]!]!;
    if (id < 0 || taken?.[i]) continue;
    let set: number[] | null = null;
    for (let j = i + 1; j < ordered.length; j++) {
      if (copySetOf[ordered[j]!] !== id) continue;
      set ??= [ordered[i]!];
      set.push(ordered[j]!);
      taken ??= new Uint8Array(ordered.length);
      taken[j] = 1;
    }
    if (set) copies.push(describeMembers(set, prepared));
  }
  return copies;
}

/** Members keeper first, their weakest link's kind, distances to the keeper and the space to reclaim. */
function describeMembers(members: number[], prepared: PreparedGraph): CopySet {
  const { photos, linkKind, linkDistance, keeperRank } = prepared;
  const ordered = members.sort((a, b) => keeperRank[a]! - keeperRank[b]!);
  const keeperIndex = ordered[0]!;
  const keeper = photos[keeperIndex]!;
  let weakest = 0;
  for (let i = 0; i < ordered.length && weakest < KIND_STRENGTH.similar; i++) {
    for (let j = i + 1; j < ordered.length; j++) {
      const index = linkBetween(prepared, ordered[i]!, ordered[j]!);
      weakest = Math.max(weakest, index >= 0 ? linkKind[index]! : KIND_STRENGTH.similar);
    }
  }
  const others = new Array<PhotoInfo>(ordered.length - 1);
  const keeperLinks = new Int32Array(ordered.length - 1);
  const items = new Array<{ path: string; distance: number }>(ordered.length);
  items[0] = { path: keeper.path, distance: 0 };
  for (let i = 1; i < ordered.length; i++) {
    const photo = photos[ordered[i]!]!;
    const link = linkBetween(prepared, ordered[i]!, keeperIndex);
    others[i - 1] = photo;
    keeperLinks[i - 1] = link;
    items[i] = { path: photo.path, distance: link >= 0 ? linkDistance[link]! : 0 };
  }
  const reclaimable = reclaimableBytes(others, (_, i) => {
    const link = keeperLinks[i]!;
    return link >= 0 && linkKind[link] === KIND_STRENGTH['raw+jpeg'];
  });
  return { kind: KINDS_BY_STRENGTH[weakest]!, keeper: keeper.path, items, reclaimableBytes: reclaimable };
}
