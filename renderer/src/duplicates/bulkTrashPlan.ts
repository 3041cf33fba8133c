import type { DuplicateKind } from '../../../shared/contract';
import { rawJpegTwinPaths } from '../../../shared/duplicates/raw-jpeg-twins';
import { pathsOtherThanKeeper, type GroupView } from './groupViews';

/**
 * Only groups a photographer would not need to look at: the same bytes, or the same picture re-saved.
 * Never 'raw+jpeg' groups, and never a RAW or its JPEG twin inside a mixed group: they are one shot kept twice.
 */
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
    const twins = rawJpegTwinPaths(group.photos.map((photo) => photo.path));
    const trashable = new Set(pathsOtherThanKeeper(group).filter((path) => !twins.has(path)));
    if (trashable.size === 0) continue;
    count++;
    for (const photo of group.photos) {
      if (!trashable.has(photo.path)) continue;
      paths.push(photo.path);
      bytes += photo.size;
    }
  }
  return { groups: count, paths, bytes };
}
