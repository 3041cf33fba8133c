import type { DuplicateKind } from '../../../shared/contract';
import {
  isListedByDefault,
  isListedUnderKind,
  KIND_LIST_ORDER,
  totalReclaimableBytes,
} from '../../../shared/duplicates/policy';
import { copySetReclaimableBytes, type GroupView } from './groupViews';

export type GroupSort = 'space' | 'kind';
export type KindFilter = 'all' | DuplicateKind;

export const kindLabels: Record<DuplicateKind, string> = {
  identical: 'Identical',
  'raw+jpeg': 'RAW + JPEG',
  'same-picture': 'Same picture',
  similar: 'Similar',
};

/** "All kinds" hides plain RAW+JPEG pairs (see isListedByDefault); the RAW + JPEG filter shows them. */
export function isHiddenByDefault(group: GroupView): boolean {
  return !isListedByDefault(group.kind);
}

export function countHiddenByDefault(groups: readonly GroupView[]): number {
  let hidden = 0;
  for (const group of groups) if (isHiddenByDefault(group)) hidden++;
  return hidden;
}

export function filterAndSortGroups(
  groups: readonly GroupView[],
  filter: KindFilter,
  sort: GroupSort,
): GroupView[] {
  const visible =
    filter === 'all'
      ? groups.filter((group) => !isHiddenByDefault(group))
      : groups.filter((group) => isListedUnderKind({ kind: group.kind, copies: group.copySets }, filter));
  const byId = (a: GroupView, b: GroupView) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const bySpace = (a: GroupView, b: GroupView) => b.suggestedReclaimableBytes - a.suggestedReclaimableBytes;
  const byKind = (a: GroupView, b: GroupView) => KIND_LIST_ORDER[a.kind] - KIND_LIST_ORDER[b.kind];
  const pairsLast = (a: GroupView, b: GroupView) =>
    Number(a.kind === 'raw+jpeg') - Number(b.kind === 'raw+jpeg');
  return visible.sort((a, b) =>
    sort === 'space'
      ? pairsLast(a, b) || bySpace(a, b) || byKind(a, b) || byId(a, b)
      : byKind(a, b) || bySpace(a, b) || byId(a, b),
  );
}

export interface GroupSummary {
  groups: number;
  photos: number;
  /** RAW+JPEG pairs count for nothing: trashing a shot's JPEG is not cleaning up a duplicate. */
  reclaimableBytes: number;
}

/**
 * The totals of the groups a filter shows. Under "Identical" or "Same picture", a similar group is listed for
 * the copy sets of that kind it holds, so it counts those sets' photos and space, never its similar shots'.
 */
export function summariseGroups(groups: readonly GroupView[], filter: KindFilter = 'all'): GroupSummary {
  const copiesOnly = filter === 'identical' || filter === 'same-picture';
  let photos = 0;
  let similarShotsBytes = 0;
  let copiesBytes = 0;
  for (const group of groups) {
    if (!copiesOnly || group.kind !== 'similar') {
      photos += group.photos.length;
      continue;
    }
    similarShotsBytes += group.reclaimableBytes;
    for (const set of group.copySets) {
      if (set.kind !== filter) continue;
      photos += set.photos.length;
      copiesBytes += copySetReclaimableBytes(set);
    }
  }
  const reclaimableBytes = totalReclaimableBytes(groups) - similarShotsBytes + copiesBytes;
  return { groups: groups.length, photos, reclaimableBytes };
}
