import type { DuplicateKind } from '../../../shared/contract';
import type { GroupView } from './groupViews';

export type GroupSort = 'space' | 'kind';
export type KindFilter = 'all' | DuplicateKind;

/** A plain RAW+JPEG pair is one shot, nothing to clean up: always last. */
const kindOrder: Record<DuplicateKind, number> = {
  identical: 0,
  'same-picture': 1,
  similar: 2,
  'raw+jpeg': 3,
};

export const kindLabels: Record<DuplicateKind, string> = {
  identical: 'Identical',
  'raw+jpeg': 'RAW + JPEG',
  'same-picture': 'Same picture',
  similar: 'Similar',
};

/**
 * A 'raw+jpeg' group is a RAW and the JPEG the camera saved beside it, nothing else (copies of the set make a
 * same-picture group): a RAW+JPEG shooter has one per shot. "All kinds" hides them so the real duplicates are
 * not buried; the RAW + JPEG filter shows them.
 */
export function isHiddenByDefault(group: GroupView): boolean {
  return group.kind === 'raw+jpeg';
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
      : groups.filter((group) => group.kind === filter);
  const byId = (a: GroupView, b: GroupView) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const bySpace = (a: GroupView, b: GroupView) => b.suggestedReclaimableBytes - a.suggestedReclaimableBytes;
  const byKind = (a: GroupView, b: GroupView) => kindOrder[a.kind] - kindOrder[b.kind];
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

export function summariseGroups(groups: readonly GroupView[]): GroupSummary {
  let photos = 0;
  let reclaimableBytes = 0;
  for (const group of groups) {
    photos += group.photos.length;
    if (group.kind !== 'raw+jpeg') reclaimableBytes += group.reclaimableBytes;
  }
  return { groups: groups.length, photos, reclaimableBytes };
}
