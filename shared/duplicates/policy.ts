import {
  DuplicateKindSchema,
  type DuplicateGraph,
  type DuplicateGroup,
  type DuplicateKind,
  type DuplicatePair,
} from '../contract/entities';
import { twinKey } from './raw-jpeg-twins';

/**
 * The duplicate rules every layer shares, each written once: the grouping, the renderer's views, the engine
 * and the CLI all read them from here. Pure and synchronous (the renderer imports it too).
 */

/** Every kind, in the contract's order (the CLI's --kind values). */
export const DUPLICATE_KINDS: readonly DuplicateKind[] = DuplicateKindSchema.options;

/** From the strongest kind to the weakest; a group is of the weakest kind among its members' links. */
export const KINDS_BY_STRENGTH: readonly DuplicateKind[] = [
  'identical',
  'raw+jpeg',
  'same-picture',
  'similar',
];

/** Each kind's position in KINDS_BY_STRENGTH: 0 is the strongest. */
export const KIND_STRENGTH = positions(KINDS_BY_STRENGTH);

/**
 * The order groups are listed in: identical, same picture, similar, then plain RAW+JPEG pairs, which are one
 * shot each with nothing to clean up.
 */
export const KIND_LIST_ORDER = positions(['identical', 'same-picture', 'similar', 'raw+jpeg']);

function positions(kinds: readonly DuplicateKind[]): Readonly<Record<DuplicateKind, number>> {
  const order = {} as Record<DuplicateKind, number>;
  kinds.forEach((kind, position) => (order[kind] = position));
  return order;
}

/**
 * A 'raw+jpeg' group is a RAW and the JPEG the camera saved beside it, nothing else (copies of the set make a
 * same-picture group): a RAW+JPEG shooter has one per shot. Lists (the UI's "All kinds", `doppel duplicates`
 * without --kind) leave them out unless asked, so the real duplicates are not buried.
 */
export function isListedByDefault(kind: DuplicateKind): boolean {
  return kind !== 'raw+jpeg';
}

/**
 * Whether a list of one kind shows a group: a group of that kind, or a similar group holding an identical or
 * same-picture copy set of it, so those copies inside a similar group are not lost from the lists of things
 * to clean up. A RAW+JPEG set does not list its similar group under RAW+JPEG: a RAW+JPEG shooter's every
 * burst would.
 */
export function isListedUnderKind(
  group: { kind: DuplicateKind; copies: readonly { kind: DuplicateKind }[] },
  kind: DuplicateKind,
): boolean {
  if (group.kind === kind) return true;
  if (group.kind !== 'similar' || kind === 'raw+jpeg') return false;
  return group.copies.some((set) => set.kind === kind);
}

/** The groups a list of kinds shows (see isListedUnderKind); every group when no kind is given. */
export function filterByKinds<
  Group extends { kind: DuplicateKind; copies: readonly { kind: DuplicateKind }[] },
>(groups: Group[], kinds: readonly DuplicateKind[] | null | undefined): Group[] {
  if (!kinds) return groups;
  return groups.filter((group) => kinds.some((kind) => isListedUnderKind(group, kind)));
}

/** One key per unordered pair of content hashes (or paths): (a, b) and (b, a) give the same key. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/**
 * How two photos whose contents form `pair` relate. A pair links contents, so a RAW+JPEG pair also links each
 * copy of the RAW to each copy of the JPEG; only the RAW and the JPEG beside it (same folder and name) are the
 * one shot kept twice. A copy of the set elsewhere (a card copied twice) is the same picture, so a group with
 * copies is not hidden as a plain RAW+JPEG pair.
 */
export function classifyPair(
  pair: Pick<DuplicatePair, 'rawJpeg' | 'samePicture'>,
  pathA: string,
  pathB: string,
): Exclude<DuplicateKind, 'identical'> {
  if (pair.rawJpeg) return twinKey(pathA) === twinKey(pathB) ? 'raw+jpeg' : 'same-picture';
  return pair.samePicture ? 'same-picture' : 'similar';
}

/**
 * What trashing every photo of a group but the keeper frees: the size of each other photo, except the
 * keeper's own RAW or JPEG twin, which is part of the shot kept and not space to reclaim.
 */
export function reclaimableBytes<Photo extends { size: number }>(
  others: readonly Photo[],
  isKeeperTwin: (photo: Photo, index: number) => boolean,
): number {
  let bytes = 0;
  for (let i = 0; i < others.length; i++) if (!isKeeperTwin(others[i]!, i)) bytes += others[i]!.size;
  return bytes;
}

/**
 * The space a list of groups could free. Plain RAW+JPEG pairs count for nothing: trashing a shot's JPEG is
 * not cleaning up a duplicate.
 */
export function totalReclaimableBytes(
  groups: readonly Pick<DuplicateGroup, 'kind' | 'reclaimableBytes'>[],
): number {
  let bytes = 0;
  for (const group of groups) if (group.kind !== 'raw+jpeg') bytes += group.reclaimableBytes;
  return bytes;
}

/**
 * The threshold to group at: the one asked for (else the model's default), within 0 and the graph's maximum,
 * the farthest distance its pairs were computed to.
 */
export function clampThreshold(
  graph: Pick<DuplicateGraph, 'maxDistance' | 'defaultThreshold'>,
  chosen?: number | null,
): number {
  return Math.max(0, Math.min(graph.maxDistance, chosen ?? graph.defaultThreshold));
}

/**
 * The part of totalReclaimableBytes that is copies of the same picture: every copy set's (identical, same
 * picture, and those inside similar groups alike), never a similar shot's. What "trash all but the keeper"
 * works on. RAW+JPEG sets count for nothing, like plain RAW+JPEG pairs.
 */
export function copiesReclaimableBytes(groups: readonly Pick<DuplicateGroup, 'kind' | 'copies'>[]): number {
  let bytes = 0;
  for (const group of groups) {
    if (group.kind === 'raw+jpeg') continue;
    for (const set of group.copies) if (set.kind !== 'raw+jpeg') bytes += set.reclaimableBytes;
  }
  return bytes;
}
