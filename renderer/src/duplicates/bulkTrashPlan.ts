import type { DuplicateKind } from '../../../shared/contract';
import { pathsOtherThanKeeper, type GroupView } from './groupViews';

/** Only groups a photographer would not need to look at: the same bytes, or the same picture re-saved. */
export const bulkTrashKinds: ReadonlySet<DuplicateKind> = new Set(['identical', 'same-picture']);

export interface BulkTrashPlan {
  groups: number;
  paths: string[];
  bytes: number;
}

export function planBulkTrash(groups: readonly GroupView[]): BulkTrashPlan {
  const paths: string[] = [];
  let bytes = 0;
  let count = 0;
  for (const group of groups) {
    if (!bulkTrashKinds.has(group.kind)) continue;
    count++;
    paths.push(...pathsOtherThanKeeper(group));
    bytes += group.reclaimableBytes;
  }
  return { groups: count, paths, bytes };
}
