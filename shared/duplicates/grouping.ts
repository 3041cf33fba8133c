import type { DuplicateGraph, DuplicateGroup, DuplicateKind, PhotoInfo } from '../contract/entities';
import { compareKeeperPreference } from './keeper';

/**
 * Near-duplicate groups at a threshold, from a precomputed pair graph. Pure and synchronous, so the UI's
 * slider can call it on every change without asking the engine.
 *
 * Rule (complete linkage): two photos are linked when they are byte-identical, when the perceptual check
 * says they are the same picture, or when their embedding distance is at most `threshold`; pairs the user
 * marked "not duplicates" are never linked. Groups grow by the closest links first, and two groups merge
 * only if EVERY photo of one is linked to EVERY photo of the other. So a burst of slowly changing shots
 * splits into runs of mutually close shots instead of chaining into one group whose ends are unrelated.
 */
export function groupDuplicates(graph: DuplicateGraph, threshold: number): DuplicateGroup[] {
  const prepared = prepareGraph(graph);
  return groupPrepared(prepared, threshold);
}

interface Link {
  from: number;
  to: number;
  /** Sort key: identical first, then same-picture, then by embedding distance. */
  rank: number;
  distance: number | null;
  kind: DuplicateKind;
}

export interface PreparedGraph {
  photos: PhotoInfo[];
  /** Links sorted by rank, so a threshold selects a prefix of the similar links. */
  links: Link[];
  linkIndex: Map<number, Link>;
}

const KIND_ORDER: Record<DuplicateKind, number> = { identical: 0, 'same-picture': 1, similar: 2 };

function pairKey(a: number, b: number, count: number): number {
  return a < b ? a * count + b : b * count + a;
}

/** The part of grouping that does not depend on the threshold: done once per graph, not per slider move. */
export function prepareGraph(graph: DuplicateGraph): PreparedGraph {
  const photos = graph.photos;
  const count = photos.length;
  const byHash = new Map<string, number[]>();
  photos.forEach((photo, index) => {
    const list = byHash.get(photo.hash);
    if (list) list.push(index);
    else byHash.set(photo.hash, [index]);
  });
  const dismissed = new Set(graph.dismissed.map(([a, b]) => hashPairKey(a, b)));
  const links: Link[] = [];
  for (const members of byHash.values()) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        links.push({ from: members[i]!, to: members[j]!, rank: -2, distance: 0, kind: 'identical' });
      }
    }
  }
  for (const pair of graph.pairs) {
    if (pair.a === pair.b || dismissed.has(hashPairKey(pair.a, pair.b))) continue;
    const left = byHash.get(pair.a);
    const right = byHash.get(pair.b);
    if (!left || !right) continue;
    if (!pair.samePicture && pair.distance === null) continue;
    const kind: DuplicateKind = pair.samePicture ? 'same-picture' : 'similar';
    const rank = pair.samePicture ? -1 : (pair.distance ?? Infinity);
    for (const from of left)
      for (const to of right) links.push({ from, to, rank, distance: pair.distance, kind });
  }
  links.sort((x, y) => x.rank - y.rank);
  const linkIndex = new Map<number, Link>();
  for (const link of links) linkIndex.set(pairKey(link.from, link.to, count), link);
  return { photos, links, linkIndex };
}

function hashPairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export function groupPrepared(prepared: PreparedGraph, threshold: number): DuplicateGroup[] {
  const { photos, links, linkIndex } = prepared;
  const count = photos.length;
  const clusterOf = new Map<number, number[]>();
  const isLinked = (a: number, b: number): boolean => {
    const link = linkIndex.get(pairKey(a, b, count));
    return link !== undefined && (link.kind !== 'similar' || (link.distance ?? Infinity) <= threshold);
  };
  for (const link of links) {
    if (link.kind === 'similar' && (link.distance ?? Infinity) > threshold) break;
    const left = clusterOf.get(link.from) ?? [link.from];
    const right = clusterOf.get(link.to) ?? [link.to];
    if (left === right) continue;
    if (!left.every((a) => right.every((b) => isLinked(a, b)))) continue;
    const merged = left.length >= right.length ? left : right;
    const absorbed = merged === left ? right : left;
    for (const member of absorbed) merged.push(member);
    for (const member of merged) clusterOf.set(member, merged);
  }
  const seen = new Set<number[]>();
  const groups: DuplicateGroup[] = [];
  for (const members of clusterOf.values()) {
    if (seen.has(members)) continue;
    seen.add(members);
    groups.push(describeGroup(members, prepared));
  }
  return groups.sort(compareGroups);
}

function describeGroup(members: number[], prepared: PreparedGraph): DuplicateGroup {
  const { photos, linkIndex } = prepared;
  const count = photos.length;
  const ordered = [...members].sort((a, b) => compareKeeperPreference(photos[a]!, photos[b]!));
  const keeperIndex = ordered[0]!;
  const keeper = photos[keeperIndex]!;
  let kindOrder = 0;
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      const link = linkIndex.get(pairKey(members[i]!, members[j]!, count));
      kindOrder = Math.max(kindOrder, link ? KIND_ORDER[link.kind] : KIND_ORDER.similar);
    }
  }
  const kind = (Object.keys(KIND_ORDER) as DuplicateKind[])[kindOrder]!;
  const items = ordered.map((index) => {
    if (index === keeperIndex) return { path: keeper.path, distance: 0 };
    const link = linkIndex.get(pairKey(index, keeperIndex, count));
    return { path: photos[index]!.path, distance: link?.distance ?? 0 };
  });
  const reclaimableBytes = ordered.slice(1).reduce((sum, index) => sum + photos[index]!.size, 0);
  return { kind, keeper: keeper.path, items, reclaimableBytes };
}

/** Stable order: identical, then same picture, then similar; within a kind the most space to reclaim first. */
function compareGroups(a: DuplicateGroup, b: DuplicateGroup): number {
  return (
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    b.reclaimableBytes - a.reclaimableBytes ||
    (a.keeper < b.keeper ? -1 : a.keeper > b.keeper ? 1 : 0)
  );
}
