import type { DuplicateGraph, DuplicateGroup, DuplicateKind, PhotoInfo } from '../contract/entities';
import { compareKeeperPreference } from './keeper';
import { twinKey } from './raw-jpeg-twins';

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

/**
 * Everything about a graph that does not depend on the threshold, built once per graph so that a slider
 * move (groupPrepared) costs one frame even for 100k photos: no maps, no string keys and no date parsing
 * on the per-threshold path.
 */
export interface PreparedGraph {
  photos: PhotoInfo[];
  /**
   * Links sorted by rank (identical, same picture, then similar by distance), as parallel typed arrays so a
   * slider move scans memory in order. A link holds at a threshold when its gate is at most the threshold:
   * -Infinity for identical and same-picture links, the distance for similar ones. So a threshold selects a
   * prefix of the links.
   */
  linkFrom: Int32Array;
  linkTo: Int32Array;
  linkGate: Float64Array;
  /** The distance shown for the link (0 when the pair has none). */
  linkDistance: Float64Array;
  /** KIND_ORDER of the link's kind. */
  linkKind: Uint8Array;
  /** 1 when the link is the one that decides its pair (see partnerLink). */
  linkDecides: Uint8Array;
  /**
   * Each photo's partners as compressed rows: photo p's partners are `partners[partnerStart[p] ..
   * partnerStart[p + 1])`, ascending, and `partnerLink` holds the index of the link that decides whether the
   * two are linked (the last one in rank order, when a pair was listed twice).
   */
  partnerStart: Int32Array;
  partners: Int32Array;
  partnerLink: Int32Array;
  /** Each photo's position in the keeper order, so groups sort their members by integers. */
  keeperRank: Int32Array;
  /** Each photo's position in path order, so groups sort by their keeper's path without comparing strings. */
  pathRank: Int32Array;
}

/** From the strongest kind to the weakest; a group is of the weakest kind among its members' links. */
const KIND_ORDER: Record<DuplicateKind, number> = {
  identical: 0,
  'raw+jpeg': 1,
  'same-picture': 2,
  similar: 3,
};
const KINDS_IN_ORDER = (Object.keys(KIND_ORDER) as DuplicateKind[]).sort(
  (a, b) => KIND_ORDER[a] - KIND_ORDER[b],
);
/** Groups are listed identical, same picture, similar; a RAW and its JPEG twin alone are one shot, so last. */
const LIST_ORDER: Record<DuplicateKind, number> = {
  identical: 0,
  'same-picture': 1,
  similar: 2,
  'raw+jpeg': 3,
};

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
    if (!pair.samePicture && pair.distance === null && !pair.rawJpeg) continue;
    // A RAW and its JPEG twin are one shot: linked at any threshold, like the same picture.
    const kind: DuplicateKind = pair.rawJpeg ? 'raw+jpeg' : pair.samePicture ? 'same-picture' : 'similar';
    const rank = pair.rawJpeg ? -1.5 : pair.samePicture ? -1 : (pair.distance ?? Infinity);
    for (const from of left)
      for (const to of right) {
        // Pairs link contents, so a twin's contents also link each copy of the RAW to each copy of the JPEG.
        // Only the RAW and the JPEG beside it are the one shot kept twice; a copy of the set elsewhere (a card
        // copied twice) is the same picture, so a group with copies is not hidden as a plain RAW+JPEG pair.
        const twins = kind !== 'raw+jpeg' || twinKey(photos[from]!.path) === twinKey(photos[to]!.path);
        links.push({ from, to, rank, distance: pair.distance, kind: twins ? kind : 'same-picture' });
      }
  }
  links.sort((x, y) => x.rank - y.rank);
  return {
    photos,
    linkFrom: Int32Array.from(links, (link) => link.from),
    linkTo: Int32Array.from(links, (link) => link.to),
    linkGate: Float64Array.from(links, (link) =>
      link.kind === 'similar' ? (link.distance ?? Infinity) : -Infinity,
    ),
    linkDistance: Float64Array.from(links, (link) => link.distance ?? 0),
    linkKind: Uint8Array.from(links, (link) => KIND_ORDER[link.kind]),
    ...partnerRows(links, count),
    keeperRank: ranksBy(photos, compareKeeperPreference),
    pathRank: ranksBy(photos, (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
}

function hashPairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** Both directions of every pair, deduplicated (the later link in rank order wins), as sorted rows. */
function partnerRows(links: Link[], count: number) {
  const deciding = new Map<number, number>();
  links.forEach((link, index) => {
    const low = Math.min(link.from, link.to);
    const high = Math.max(link.from, link.to);
    deciding.set(low * count + high, index);
  });
  const linkDecides = new Uint8Array(links.length);
  for (const index of deciding.values()) linkDecides[index] = 1;
  const partnerStart = new Int32Array(count + 1);
  for (const index of deciding.values()) {
    partnerStart[links[index]!.from + 1]!++;
    partnerStart[links[index]!.to + 1]!++;
  }
  for (let p = 0; p < count; p++) partnerStart[p + 1]! += partnerStart[p]!;
  const fill = partnerStart.slice(0, count);
  const partners = new Int32Array(partnerStart[count]!);
  const partnerLink = new Int32Array(partnerStart[count]!);
  for (const index of deciding.values()) {
    const { from, to } = links[index]!;
    partners[fill[from]!] = to;
    partnerLink[fill[from]!++] = index;
    partners[fill[to]!] = from;
    partnerLink[fill[to]!++] = index;
  }
  for (let p = 0; p < count; p++) sortRow(partners, partnerLink, partnerStart[p]!, partnerStart[p + 1]!);
  return { partnerStart, partners, partnerLink, linkDecides };
}

/** Insertion sort of one row by partner: rows are short (a burst), and it keeps both arrays in step. */
function sortRow(partners: Int32Array, partnerLink: Int32Array, start: number, end: number): void {
  for (let i = start + 1; i < end; i++) {
    const partner = partners[i]!;
    const link = partnerLink[i]!;
    let j = i - 1;
    while (j >= start && partners[j]! > partner) {
      partners[j + 1] = partners[j]!;
      partnerLink[j + 1] = partnerLink[j]!;
      j--;
    }
    partners[j + 1] = partner;
    partnerLink[j + 1] = link;
  }
}

function ranksBy(photos: PhotoInfo[], compare: (a: PhotoInfo, b: PhotoInfo) => number): Int32Array {
  const order = photos.map((_, index) => index);
  order.sort((a, b) => compare(photos[a]!, photos[b]!));
  const rank = new Int32Array(photos.length);
  order.forEach((photo, position) => (rank[photo] = position));
  return rank;
}

/** Index in `links` of the link between two photos, or -1: a binary search in a's row. */
function linkBetween(prepared: PreparedGraph, a: number, b: number): number {
  const { partnerStart, partners, partnerLink } = prepared;
  let low = partnerStart[a]!;
  let high = partnerStart[a + 1]! - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const partner = partners[middle]!;
    if (partner === b) return partnerLink[middle]!;
    if (partner < b) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

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
  const allLinked = (left: number, right: number): boolean => {
    for (let a = firstMember[left]!; a >= 0; a = nextMember[a]!)
      for (let b = firstMember[right]!; b >= 0; b = nextMember[b]!) {
        const index = linkBetween(prepared, a, b);
        if (index < 0 || linkGate[index]! > threshold) return false;
      }
    return true;
  };
  for (let index = 0; index < linkGate.length && linkGate[index]! <= threshold; index++) {
    const left = clusterOfPhoto(linkFrom[index]!);
    const right = clusterOfPhoto(linkTo[index]!);
    if (left === right) continue;
    // Two lone photos joined by the link that decides their pair need no lookup: it holds at this threshold.
    const lonePair = clusterSize[left] === 1 && clusterSize[right] === 1 && linkDecides[index] === 1;
    if (!lonePair && !allLinked(left, right)) continue;
    const merged = clusterSize[left]! >= clusterSize[right]! ? left : right;
    const absorbed = merged === left ? right : left;
    for (let member = firstMember[absorbed]!; member >= 0; member = nextMember[member]!)
      clusterOf[member] = merged;
    nextMember[lastMember[merged]!] = firstMember[absorbed]!;
    lastMember[merged] = lastMember[absorbed]!;
    clusterSize[merged]! += clusterSize[absorbed]!;
    clusterSize[absorbed] = 0;
  }
  const groups: DuplicateGroup[] = [];
  const keepers: number[] = [];
  const members: number[] = [];
  for (let id = 0; id < clusterCount; id++) {
    if (clusterSize[id]! < 2) continue;
    members.length = 0;
    for (let member = firstMember[id]!; member >= 0; member = nextMember[member]!) members.push(member);
    groups.push(describeGroup(members, prepared));
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
    kind[i] = LIST_ORDER[group.kind];
    bytes[i] = group.reclaimableBytes;
    keeperPath[i] = prepared.pathRank[keepers[i]!]!;
  });
  const order = Array.from(groups, (_, i) => i);
  order.sort((a, b) => kind[a]! - kind[b]! || bytes[b]! - bytes[a]! || keeperPath[a]! - keeperPath[b]!);
  return order.map((i) => groups[i]!);
}

function describeGroup(members: number[], prepared: PreparedGraph): DuplicateGroup {
  const { photos, linkKind, linkDistance, keeperRank } = prepared;
  const ordered = members.sort((a, b) => keeperRank[a]! - keeperRank[b]!);
  const keeperIndex = ordered[0]!;
  const keeper = photos[keeperIndex]!;
  let kindOrder = 0;
  for (let i = 0; i < ordered.length && kindOrder < KIND_ORDER.similar; i++) {
    for (let j = i + 1; j < ordered.length; j++) {
      const index = linkBetween(prepared, ordered[i]!, ordered[j]!);
      kindOrder = Math.max(kindOrder, index >= 0 ? linkKind[index]! : KIND_ORDER.similar);
    }
  }
  let reclaimableBytes = 0;
  const items = new Array<{ path: string; distance: number }>(ordered.length);
  items[0] = { path: keeper.path, distance: 0 };
  for (let i = 1; i < ordered.length; i++) {
    const photo = photos[ordered[i]!]!;
    const link = linkBetween(prepared, ordered[i]!, keeperIndex);
    // The keeper's own RAW or JPEG twin is part of the shot kept, not space to reclaim.
    if (link < 0 || linkKind[link] !== KIND_ORDER['raw+jpeg']) reclaimableBytes += photo.size;
    items[i] = { path: photo.path, distance: link >= 0 ? linkDistance[link]! : 0 };
  }
  return { kind: KINDS_IN_ORDER[kindOrder]!, keeper: keeper.path, items, reclaimableBytes };
}
