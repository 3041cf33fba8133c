import type { CopySet, DuplicateGroup, DuplicateKind, PhotoInfo } from '../contract/entities';
import { KIND_LIST_ORDER, KIND_STRENGTH, KINDS_BY_STRENGTH, reclaimableBytes } from './policy';
import { linkBetween, type PreparedGraph } from './prepared-graph';

/**
 * Stable order: identical, then same picture, then similar, then RAW+JPEG pairs (one shot each, nothing to
 * clean up); within a kind the most space to reclaim first;
 * then by keeper path (compared through pathRank: the keeper paths of two groups always differ).
 */
export function sortGroups(
  groups: DuplicateGroup[],
  keepers: number[],
  prepared: PreparedGraph,
): DuplicateGroup[] {
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
export function describeGroup(
  members: number[],
  copySetOf: Int32Array,
  prepared: PreparedGraph,
): DuplicateGroup {
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
  const { photos, linkDistance, keeperRank } = prepared;
  const ordered = members.sort((a, b) => keeperRank[a]! - keeperRank[b]!);
  const keeperIndex = ordered[0]!;
  const keeper = photos[keeperIndex]!;
  const items = new Array<{ path: string; distance: number }>(ordered.length);
  items[0] = { path: keeper.path, distance: 0 };
  for (let i = 1; i < ordered.length; i++) {
    const link = linkBetween(prepared, ordered[i]!, keeperIndex);
    items[i] = { path: photos[ordered[i]!]!.path, distance: link >= 0 ? linkDistance[link]! : 0 };
  }
  return {
    kind: weakestKindOf(ordered, prepared),
    keeper: keeper.path,
    items,
    reclaimableBytes: reclaimableBesideKeeper(ordered, prepared),
  };
}

/**
 * The kind of the weakest link among members (a missing link counts as similar): the kind describeGroup gives
 * them. Exported for the threshold plan, which orders groups before it builds them.
 */
export function weakestKindOf(members: ArrayLike<number>, prepared: PreparedGraph): DuplicateKind {
  const { linkKind } = prepared;
  let weakest = 0;
  for (let i = 0; i < members.length && weakest < KIND_STRENGTH.similar; i++) {
    for (let j = i + 1; j < members.length; j++) {
      const index = linkBetween(prepared, members[i]!, members[j]!);
      weakest = Math.max(weakest, index >= 0 ? linkKind[index]! : KIND_STRENGTH.similar);
    }
  }
  return KINDS_BY_STRENGTH[weakest]!;
}

/**
 * What trashing every member but the first (the keeper) frees, the keeper's own RAW or JPEG twin aside: the
 * reclaimableBytes describeGroup gives members in keeper order.
 */
export function reclaimableBesideKeeper(ordered: ArrayLike<number>, prepared: PreparedGraph): number {
  const { photos, linkKind } = prepared;
  const keeperIndex = ordered[0]!;
  const others = new Array<PhotoInfo>(ordered.length - 1);
  const keeperLinks = new Int32Array(ordered.length - 1);
  for (let i = 1; i < ordered.length; i++) {
    others[i - 1] = photos[ordered[i]!]!;
    keeperLinks[i - 1] = linkBetween(prepared, ordered[i]!, keeperIndex);
  }
  return reclaimableBytes(others, (_, i) => {
    const link = keeperLinks[i]!;
    return link >= 0 && linkKind[link] === KIND_STRENGTH['raw+jpeg'];
  });
}
