import type { DuplicateKind } from '../../../shared/contract';
import type { GroupView } from './groupViews';

export type GroupSort = 'space' | 'kind';
export type KindFilter = 'all' | DuplicateKind;

const kindOrder: Record<DuplicateKind, number> = {
  identical: 0,
  'raw+jpeg': 1,
  'same-picture': 2,
  similar: 3,
};

export const kindLabels: Record<DuplicateKind, string> = {
  identical: 'Identical',
  'raw+jpeg': 'RAW + JPEG',
  'same-picture': 'Same picture',
  similar: 'Similar',
};

export function filterAndSortGroups(
  groups: readonly GroupView[],
  filter: KindFilter,
  sort: GroupSort,
): GroupView[] {
  const visible = filter === 'all' ? [...groups] : groups.filter((group) => group.kind === filter);
  const byId = (a: GroupView, b: GroupView) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const bySpace = (a: GroupView, b: GroupView) => b.suggestedReclaimableBytes - a.suggestedReclaimableBytes;
  const byKind = (a: GroupView, b: GroupView) => kindOrder[a.kind] - kindOrder[b.kind];
  return visible.sort((a, b) =>
    sort === 'space'
      ? bySpace(a, b) || byKind(a, b) || byId(a, b)
      : byKind(a, b) || bySpace(a, b) || byId(a, b),
  );
}

export interface GroupSummary {
  groups: number;
  photos: number;
  reclaimableBytes: number;
}

export function summariseGroups(groups: readonly GroupView[]): GroupSummary {
  let photos = 0;
  let reclaimableBytes = 0;
  for (const group of groups) {
    photos += group.photos.length;
    reclaimableBytes += group.reclaimableBytes;
  }
  return { groups: groups.length, photos, reclaimableBytes };
}
