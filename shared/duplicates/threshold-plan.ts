import type { DuplicateGroup } from '../contract/entities';
import { describeGroup, reclaimableBesideKeeper, weakestKindOf } from './group-display';
import { LinkageClusters } from './linkage-clusters';
import { KIND_LIST_ORDER } from './policy';
import type { PreparedGraph } from './prepared-graph';

/**
 * The groups of a prepared graph at every threshold, worked out once so that a slider move only picks them.
 *
 * Photos that no chain of links joins never share a group, so each connected part of the graph (a burst, in a
 * photo library) is grouped on its own, and its groups change only at the gates of its own links. The plan
 * replays each part at each of those gates, exactly as groupAtThreshold would at that threshold, and keeps
 * every group it sees with the range of thresholds it holds for ("an occurrence"). Occurrences are kept in
 * the order groups are listed in (sortGroups), so the groups at a threshold are the occurrences whose range
 * holds it, in plan order: one pass over typed arrays. Each occurrence's group object is built with the plan
 * (about 400 bytes each; a library has one to four times as many occurrences as groups at one threshold), so
 * that no slider position pays for building groups: building them on first use made every jump to a new
 * position build thousands. Beyond `eagerGroups` occurrences (a graph of about a million photos) memory
 * wins: they are built the first time a threshold needs them, then kept.
 *
 * A part whose replays would cost too much (a huge, dense cluster) is left out of the plan and replayed at
 * each threshold instead ("live"), so no graph costs more per slider move than replaying it does.
 */
export interface ThresholdPlan {
  prepared: PreparedGraph;
  /** Each photo's cluster under copy links alone (-1 for none), for the groups' copy sets. */
  copySetOf: Int32Array;
  /** Occurrence k holds from threshold `from[k]` (inclusive) until `until[k]` (exclusive; NaN: no end). */
  from: Float64Array;
  until: Float64Array;
  /** Occurrence k's members in keeper order: `members[memberStart[k] .. memberStart[k + 1])`. */
  memberStart: Int32Array;
  members: Int32Array;
  /** Occurrence k's sort key, as sortGroups orders groups: kind, then space to reclaim, then keeper path. */
  kindOrder: Uint8Array;
  bytes: Float64Array;
  keeperPath: Int32Array;
  groups: (DuplicateGroup | undefined)[];
  /** Links and photos of the live parts: part i's are `liveLinks[liveLinkStart[i] ..]`, likewise photos. */
  liveLinkStart: number[];
  liveLinks: Int32Array;
  livePhotoStart: number[];
  livePhotos: Int32Array;
  /** The clusters live parts are replayed in; null when every part is planned. */
  liveClusters: LinkageClusters | null;
}

export interface PlanLimits {
  /** How much replaying one part may cost (steps: link lookups and merge attempts) before it is left live. */
  workPerLink: number;
  workFloor: number;
  /** Up to this many occurrences the plan builds every group ahead (300k: about 120 MB of them). */
  eagerGroups: number;
}

/**
 * A burst's replays cost a few hundred steps; a part that needs more than this per link is a dense cluster
 * whose groups change at almost every one of its links, cheaper replayed once per threshold than planned.
 */
export const DEFAULT_PLAN_LIMITS: PlanLimits = { workPerLink: 256, workFloor: 16_384, eagerGroups: 300_000 };

const plans = new WeakMap<PreparedGraph, ThresholdPlan | null>();

/**
 * The plan of a prepared graph, made on first use. Null when its similar links are not in gate order (only a
 * graph with negative or NaN distances): then one threshold selects no prefix of each part's links, and
 * only a replay of the whole graph gives the right groups.
 */
export function thresholdPlanOf(prepared: PreparedGraph): ThresholdPlan | null {
  let plan = plans.get(prepared);
  if (plan === undefined) {
    plan = gatesInOrder(prepared.linkGate) ? buildThresholdPlan(prepared) : null;
    plans.set(prepared, plan);
  }
  return plan;
}

function gatesInOrder(gates: Float64Array): boolean {
  for (let i = 1; i < gates.length; i++) if (!(gates[i]! >= gates[i - 1]!)) return false;
  return gates.length === 0 || !Number.isNaN(gates[0]!);
}

/** The groups at one threshold: the same as groupAtThreshold(plan.prepared, threshold). */
export function groupsOfPlan(plan: ThresholdPlan, threshold: number): DuplicateGroup[] {
  // NaN lets no similar link through, as in a replay.
  const at = Number.isNaN(threshold) ? -Infinity : threshold;
  const { from, until, kindOrder, bytes, keeperPath } = plan;
  const live = liveGroupsAt(plan, at);
  const groups: DuplicateGroup[] = [];
  let next = 0;
  for (let k = 0; k < from.length; k++) {
    if (!(from[k]! <= at) || until[k]! <= at) continue;
    while (next < live.length && listedBefore(live[next]!, kindOrder[k]!, bytes[k]!, keeperPath[k]!))
      groups.push(live[next++]!.group);
    groups.push((plan.groups[k] ??= groupOfOccurrence(plan, k)));
  }
  while (next < live.length) groups.push(live[next++]!.group);
  return groups;
}

interface KeyedGroup {
  group: DuplicateGroup;
  kindOrder: number;
  bytes: number;
  keeperPath: number;
}

/** sortGroups' order: kind, then the most space to reclaim, then keeper path. */
function listedBefore(group: KeyedGroup, kindOrder: number, bytes: number, keeperPath: number): boolean {
  if (group.kindOrder !== kindOrder) return group.kindOrder < kindOrder;
  if (group.bytes !== bytes) return group.bytes > bytes;
  return group.keeperPath < keeperPath;
}

function groupOfOccurrence(
  plan: Pick<ThresholdPlan, 'prepared' | 'copySetOf' | 'memberStart' | 'members'>,
  k: number,
): DuplicateGroup {
  const members = Array.from(plan.members.subarray(plan.memberStart[k]!, plan.memberStart[k + 1]!));
  return describeGroup(members, plan.copySetOf, plan.prepared);
}

/** The live parts replayed at one threshold, their groups in list order. */
function liveGroupsAt(plan: ThresholdPlan, threshold: number): KeyedGroup[] {
  const { prepared, liveLinkStart, liveLinks, livePhotoStart, livePhotos, liveClusters: clusters } = plan;
  const { linkGate, pathRank } = prepared;
  const groups: KeyedGroup[] = [];
  if (!clusters) return groups;
  const members: number[] = [];
  for (let part = 0; part + 1 < liveLinkStart.length; part++) {
    const photoStart = livePhotoStart[part]!;
    const photoEnd = livePhotoStart[part + 1]!;
    clusters.release(livePhotos, photoStart, photoEnd);
    let i = liveLinkStart[part]!;
    const end = liveLinkStart[part + 1]!;
    for (; i < end && linkGate[liveLinks[i]!]! === -Infinity; i++) clusters.merge(liveLinks[i]!, -Infinity);
    for (; i < end && linkGate[liveLinks[i]!]! <= threshold; i++) clusters.merge(liveLinks[i]!, threshold);
    for (let p = photoStart; p < photoEnd; p++) {
      const photo = livePhotos[p]!;
      if (clusters.clusterOf[photo] !== photo || clusters.clusterSize[photo]! < 2) continue;
      const group = describeGroup(clusters.membersOf(photo, members), plan.copySetOf, prepared);
      // describeGroup sorted the members keeper first.
      const keeperPath = pathRank[members[0]!]!;
      groups.push({
        group,
        kindOrder: KIND_LIST_ORDER[group.kind],
        bytes: group.reclaimableBytes,
        keeperPath,
      });
    }
  }
  return groups.sort((a, b) => a.kindOrder - b.kindOrder || b.bytes - a.bytes || a.keeperPath - b.keeperPath);
}

/** The connected parts of the graph: each part's links in rank order and its photos. */
function connectedParts(prepared: PreparedGraph) {
  const { linkFrom, linkTo } = prepared;
  const count = prepared.photos.length;
  const parent = new Int32Array(count);
  for (let p = 0; p < count; p++) parent[p] = p;
  const root = (photo: number): number => {
    let p = photo;
    while (parent[p] !== p) p = parent[p] = parent[parent[p]!]!;
    return p;
  };
  for (let i = 0; i < linkFrom.length; i++) {
    const a = root(linkFrom[i]!);
    const b = root(linkTo[i]!);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  // Parts numbered in the order of their first link; photos without a link are in none.
  const partOfRoot = new Int32Array(count).fill(-1);
  let parts = 0;
  for (let i = 0; i < linkFrom.length; i++) {
    const r = root(linkFrom[i]!);
    if (partOfRoot[r] === -1) partOfRoot[r] = parts++;
  }
  const partOf = new Int32Array(count);
  for (let p = 0; p < count; p++) partOf[p] = partOfRoot[root(p)]!;
  const linkStart = new Int32Array(parts + 1);
  const photoStart = new Int32Array(parts + 1);
  for (let i = 0; i < linkFrom.length; i++) linkStart[partOf[linkFrom[i]!]! + 1]!++;
  for (let p = 0; p < count; p++) if (partOf[p]! >= 0) photoStart[partOf[p]! + 1]!++;
  for (let part = 0; part < parts; part++) {
    linkStart[part + 1]! += linkStart[part]!;
    photoStart[part + 1]! += photoStart[part]!;
  }
  const links = new Int32Array(linkFrom.length);
  const photos = new Int32Array(photoStart[parts]!);
  const linkFill = linkStart.slice(0, parts);
  const photoFill = photoStart.slice(0, parts);
  for (let i = 0; i < linkFrom.length; i++) links[linkFill[partOf[linkFrom[i]!]!]!++] = i;
  for (let p = 0; p < count; p++) if (partOf[p]! >= 0) photos[photoFill[partOf[p]!]!++] = p;
  return { parts, linkStart, links, photoStart, photos };
}

/** The plan of a prepared graph whose gates are in order (see thresholdPlanOf). */
export function buildThresholdPlan(
  prepared: PreparedGraph,
  limits: PlanLimits = DEFAULT_PLAN_LIMITS,
): ThresholdPlan {
  const { linkGate } = prepared;
  const count = prepared.photos.length;
  const parts = connectedParts(prepared);
  const clusters = new LinkageClusters(prepared, true);
  const copySetOf = new Int32Array(count).fill(-1);
  const occurrences = new OccurrenceLog(prepared, clusters, count);
  const liveLinks: number[] = [];
  const livePhotos: number[] = [];
  const liveLinkStart = [0];
  const livePhotoStart = [0];
  for (let part = 0; part < parts.parts; part++) {
    const linkStart = parts.linkStart[part]!;
    const linkEnd = parts.linkStart[part + 1]!;
    const photoStart = parts.photoStart[part]!;
    const photoEnd = parts.photoStart[part + 1]!;
    let copyEnd = linkStart;
    while (copyEnd < linkEnd && linkGate[parts.links[copyEnd]!] === -Infinity) copyEnd++;
    /** Replays the part from scratch: its copy links, then its similar links before `upTo` at `gateLimit`. */
    const replay = (upTo: number, gateLimit: number): void => {
      clusters.release(parts.photos, photoStart, photoEnd);
      for (let i = linkStart; i < copyEnd; i++) clusters.merge(parts.links[i]!, -Infinity);
      // A copy link refused now is refused at every threshold: copy sets form before any similar link counts.
      clusters.smallestRefusingGate = Infinity;
      for (let i = copyEnd; i < upTo; i++) clusters.merge(parts.links[i]!, gateLimit);
    };
    clusters.work = 0;
    const allowed = limits.workPerLink * (linkEnd - linkStart) + limits.workFloor;
    const firstOccurrence = occurrences.length;
    replay(copyEnd, -Infinity);
    for (let p = photoStart; p < photoEnd; p++)
      copySetOf[parts.photos[p]!] = clusters.clusterOf[parts.photos[p]!]!;
    occurrences.record(parts.photos, photoStart, photoEnd, -Infinity);
    let live = false;
    for (let start = copyEnd; start < linkEnd;) {
      const gate = linkGate[parts.links[start]!]!;
      let end = start;
      while (end < linkEnd && linkGate[parts.links[end]!] === gate) end++;
      let changed = false;
      if (clusters.smallestRefusingGate <= gate) {
        // A merge refused at a lower threshold holds at this one, and may change every later decision.
        replay(end, gate);
        changed = true;
      } else {
        // Every earlier decision stands at this threshold: only the links of this gate are new.
        for (let i = start; i < end; i++) changed = clusters.merge(parts.links[i]!, gate) || changed;
      }
      if (changed) occurrences.record(parts.photos, photoStart, photoEnd, gate);
      start = end;
      if (clusters.work > allowed) {
        live = true;
        break;
      }
    }
    occurrences.closePart(parts.photos, photoStart, photoEnd);
    if (!live) continue;
    occurrences.truncate(firstOccurrence);
    for (let i = linkStart; i < linkEnd; i++) liveLinks.push(parts.links[i]!);
    for (let p = photoStart; p < photoEnd; p++) livePhotos.push(parts.photos[p]!);
    liveLinkStart.push(liveLinks.length);
    livePhotoStart.push(livePhotos.length);
  }
  const planned = { prepared, copySetOf, ...occurrences.inListOrder() };
  const groups = new Array<DuplicateGroup | undefined>(planned.from.length);
  if (groups.length <= limits.eagerGroups) {
    for (let k = 0; k < groups.length; k++) groups[k] = groupOfOccurrence(planned, k);
  }
  return {
    ...planned,
    groups,
    liveLinkStart,
    liveLinks: Int32Array.from(liveLinks),
    livePhotoStart,
    livePhotos: Int32Array.from(livePhotos),
    liveClusters: liveLinks.length > 0 ? new LinkageClusters(prepared) : null,
  };
}

/** The occurrences found while planning, one part at a time. */
class OccurrenceLog {
  private readonly from: number[] = [];
  private readonly until: number[] = [];
  private readonly size: number[] = [];
  private readonly memberStart: number[] = [0];
  private readonly members: number[] = [];
  private readonly kindOrder: number[] = [];
  private readonly bytes: number[] = [];
  private readonly keeperPath: number[] = [];
  /** The occurrence each photo is in at the last recorded threshold, or -1. */
  private readonly openOf: Int32Array;
  /** Occurrences of the current part still holding, and when each was last seen. */
  private open: number[] = [];
  private readonly seen: number[] = [];
  private version = 0;
  private readonly scratch: number[] = [];

  constructor(
    private readonly prepared: PreparedGraph,
    private readonly clusters: LinkageClusters,
    count: number,
  ) {
    this.openOf = new Int32Array(count).fill(-1);
  }

  get length(): number {
    return this.from.length;
  }

  /**
   * The part's clusters from threshold `at` on: a cluster with exactly the members of a holding occurrence
   * continues it; every other cluster of two or more starts one, and holding occurrences not continued end.
   */
  record(photos: Int32Array, start: number, end: number, at: number): void {
    const { clusters, openOf } = this;
    const version = ++this.version;
    const started: number[] = [];
    for (let p = start; p < end; p++) {
      const head = photos[p]!;
      if (clusters.clusterOf[head] !== head || clusters.clusterSize[head]! < 2) continue;
      const occurrence = openOf[head]!;
      let same = occurrence >= 0 && this.size[occurrence] === clusters.clusterSize[head];
      for (let m = clusters.firstMember[head]!; same && m >= 0; m = clusters.nextMember[m]!)
        same = openOf[m] === occurrence;
      if (same) this.seen[occurrence] = version;
      else started.push(head);
    }
    clusters.work += end - start;
    this.open = this.open.filter((occurrence) => {
      if (this.seen[occurrence] === version) return true;
      this.until[occurrence] = at;
      this.forgetMembers(occurrence);
      return false;
    });
    for (const head of started) this.open.push(this.start(head, at, version));
  }

  /** The part is planned: its photos belong to no occurrence of the next part. */
  closePart(photos: Int32Array, start: number, end: number): void {
    for (let p = start; p < end; p++) this.openOf[photos[p]!] = -1;
    this.open = [];
  }

  /** Forgets the occurrences from `length` on (a part left live). */
  truncate(length: number): void {
    for (const list of [this.from, this.until, this.size, this.kindOrder, this.bytes, this.keeperPath])
      list.length = length;
    this.seen.length = Math.min(this.seen.length, length);
    this.memberStart.length = length + 1;
    this.members.length = this.memberStart[length]!;
  }

  /** The occurrences as typed arrays, in the order groups are listed in. */
  inListOrder() {
    const { from, until, memberStart, members, kindOrder, bytes, keeperPath } = this;
    const order = Array.from(from, (_, k) => k);
    order.sort(
      (a, b) => kindOrder[a]! - kindOrder[b]! || bytes[b]! - bytes[a]! || keeperPath[a]! - keeperPath[b]!,
    );
    const sortedStart = new Int32Array(order.length + 1);
    const sortedMembers = new Int32Array(members.length);
    order.forEach((k, position) => {
      const size = memberStart[k + 1]! - memberStart[k]!;
      for (let m = 0; m < size; m++)
        sortedMembers[sortedStart[position]! + m] = members[memberStart[k]! + m]!;
      sortedStart[position + 1] = sortedStart[position]! + size;
    });
    return {
      from: Float64Array.from(order, (k) => from[k]!),
      until: Float64Array.from(order, (k) => until[k]!),
      memberStart: sortedStart,
      members: sortedMembers,
      kindOrder: Uint8Array.from(order, (k) => kindOrder[k]!),
      bytes: Float64Array.from(order, (k) => bytes[k]!),
      keeperPath: Int32Array.from(order, (k) => keeperPath[k]!),
    };
  }

  private start(head: number, at: number, version: number): number {
    const { prepared, clusters } = this;
    const occurrence = this.from.length;
    const ordered = clusters.membersOf(head, this.scratch);
    ordered.sort((a, b) => prepared.keeperRank[a]! - prepared.keeperRank[b]!);
    for (const member of ordered) {
      this.openOf[member] = occurrence;
      this.members.push(member);
    }
    this.memberStart.push(this.members.length);
    this.from.push(at);
    this.until.push(NaN);
    this.size.push(ordered.length);
    this.seen[occurrence] = version;
    this.kindOrder.push(KIND_LIST_ORDER[weakestKindOf(ordered, prepared)]);
    this.bytes.push(reclaimableBesideKeeper(ordered, prepared));
    this.keeperPath.push(prepared.pathRank[ordered[0]!]!);
    return occurrence;
  }

  private forgetMembers(occurrence: number): void {
    for (let m = this.memberStart[occurrence]!; m < this.memberStart[occurrence + 1]!; m++) {
      if (this.openOf[this.members[m]!] === occurrence) this.openOf[this.members[m]!] = -1;
    }
  }
}
