import type { DuplicateGraph, DuplicateKind, PhotoInfo, SamePictureLevel } from '../contract/entities';
import { keeperComparator, keeperContextOf } from './keeper-rules';
import { classifyPair, KIND_STRENGTH, pairKey } from './policy';
import { DEFAULT_SAME_PICTURE_LEVEL, isSamePictureAt } from './same-picture-levels';

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
  /** KIND_STRENGTH of the link's kind. */
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

/**
 * The part of grouping that does not depend on the threshold: done once per graph and same-picture level,
 * not per slider move. A same-picture pair beyond `samePictureLevel` is only as close as its embedding
 * distance says (a similar pair, or no pair without one).
 */
export function prepareGraph(
  graph: DuplicateGraph,
  samePictureLevel: SamePictureLevel = DEFAULT_SAME_PICTURE_LEVEL,
): PreparedGraph {
  const photos = graph.photos;
  const count = photos.length;
  const byHash = new Map<string, number[]>();
  photos.forEach((photo, index) => {
    const list = byHash.get(photo.hash);
    if (list) list.push(index);
    else byHash.set(photo.hash, [index]);
  });
  const dismissed = new Set(graph.dismissed.map(([a, b]) => pairKey(a, b)));
  const links: Link[] = [];
  for (const members of byHash.values()) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        links.push({ from: members[i]!, to: members[j]!, rank: -2, distance: 0, kind: 'identical' });
      }
    }
  }
  for (const pair of graph.pairs) {
    if (pair.a === pair.b || dismissed.has(pairKey(pair.a, pair.b))) continue;
    const left = byHash.get(pair.a);
    const right = byHash.get(pair.b);
    if (!left || !right) continue;
    const samePicture = isSamePictureAt(pair, samePictureLevel);
    if (!samePicture && pair.distance === null && !pair.rawJpeg) continue;
    // A RAW and its JPEG twin are one shot: linked at any threshold, like the same picture.
    const rank = pair.rawJpeg ? -1.5 : samePicture ? -1 : (pair.distance ?? Infinity);
    const verdict = { rawJpeg: pair.rawJpeg, samePicture };
    for (const from of left)
      for (const to of right) {
        const kind = classifyPair(verdict, photos[from]!.path, photos[to]!.path);
        links.push({ from, to, rank, distance: pair.distance, kind });
      }
  }
  const pathRank = ranksBy(photos, (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  links.sort((x, y) => compareLinks(x, y, pathRank));
  return {
    photos,
    linkFrom: Int32Array.from(links, (link) => link.from),
    linkTo: Int32Array.from(links, (link) => link.to),
    linkGate: Float64Array.from(links, (link) =>
      link.kind === 'similar' ? (link.distance ?? Infinity) : -Infinity,
    ),
    linkDistance: Float64Array.from(links, (link) => link.distance ?? 0),
    linkKind: Uint8Array.from(links, (link) => KIND_STRENGTH[link.kind]),
    ...partnerRows(links, count),
    // The saved keeper rule and protected folders travel with the graph, so a change regroups without a rescan.
    keeperRank: ranksBy(photos, keeperComparator(keeperContextOf(graph))),
    pathRank,
  };
}

/**
 * Rank order, with every tie broken by the photos themselves, never by the order the links arrived in: the
 * store lists pairs in no fixed order, and which of two tied links comes first decides groups (a crop and a
 * brightened copy that each match the original, but not each other, cannot both join it). Among links of
 * one rank the closer embedding distance goes first, then the pair whose photos come first by path.
 */
function compareLinks(x: Link, y: Link, pathRank: Int32Array): number {
  if (x.rank !== y.rank) return x.rank - y.rank;
  const xDistance = x.distance ?? Infinity;
  const yDistance = y.distance ?? Infinity;
  if (xDistance !== yDistance) return xDistance < yDistance ? -1 : 1;
  const xFrom = pathRank[x.from]!;
  const xTo = pathRank[x.to]!;
  const yFrom = pathRank[y.from]!;
  const yTo = pathRank[y.to]!;
  return Math.min(xFrom, xTo) - Math.min(yFrom, yTo) || Math.max(xFrom, xTo) - Math.max(yFrom, yTo);
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
export function linkBetween(prepared: PreparedGraph, a: number, b: number): number {
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
