import type { PhotoInfo } from '../../../shared/contract';
import { rawJpegTwinPaths, twinsOf } from '../../../shared/duplicates/raw-jpeg-twins';
import type { GroupView } from './groupViews';

export interface BulkTrashPlan {
  /** Groups that lose at least one photo. */
  groups: number;
  paths: string[];
  bytes: number;
  /** Copies in identical or same-picture groups the plan does not trash, for the user to look at. */
  leftForReview: number;
}

/**
 * "Trash all but the keeper", by a rule a photographer can predict:
 * - identical files (the keeper's bytes, or its RAW+JPEG twin's) always go;
 * - another copy of the same picture goes only when it is no bigger than the keeper in pixels AND in file
 *   size: a smaller re-encode or resize of the keeper. A larger or heavier one may be an edit: left for review;
 * - similar groups and plain RAW+JPEG pairs are never touched;
 * - the keeper's own RAW or JPEG twin stays with it (one shot kept twice). Other RAW+JPEG sets in the group
 *   are copies of it (a card copied again) and follow the rules above, but only once the keeper is such a
 *   set: when the keeper has no twin, every twin is left for review rather than splitting a set.
 */
export function planBulkTrash(groups: readonly GroupView[]): BulkTrashPlan {
  const paths: string[] = [];
  let bytes = 0;
  let count = 0;
  let leftForReview = 0;
  for (const group of groups) {
    if (group.kind === 'similar' || group.kind === 'raw+jpeg') continue;
    const { trash, left } = splitGroup(group);
    leftForReview += left;
    if (trash.length === 0) continue;
    count++;
    for (const photo of trash) {
      paths.push(photo.path);
      bytes += photo.size;
    }
  }
  return { groups: count, paths, bytes, leftForReview };
}

function splitGroup(group: GroupView): { trash: PhotoInfo[]; left: number } {
  const [keeper, ...others] = group.photos;
  if (!keeper) return { trash: [], left: 0 };
  const allPaths = group.photos.map((photo) => photo.path);
  const keeperTwins = new Set(twinsOf(keeper.path, allPaths));
  const heldForReview = keeperTwins.size > 0 ? new Set<string>() : rawJpegTwinPaths(allPaths);
  const keptHashes = new Set(
    group.photos
      .filter((photo) => photo === keeper || keeperTwins.has(photo.path))
      .map((photo) => photo.hash),
  );
  const trash: PhotoInfo[] = [];
  let left = 0;
  for (const photo of others) {
    if (keeperTwins.has(photo.path)) continue;
    if (heldForReview.has(photo.path)) left++;
    else if (keptHashes.has(photo.hash) || isSmallerRendition(photo, keeper)) trash.push(photo);
    else left++;
  }
  return { trash, left };
}

/** No more pixels and no larger file than the keeper: a resize or re-encode, not an edit worth a look. */
function isSmallerRendition(photo: PhotoInfo, keeper: PhotoInfo): boolean {
  return photo.width * photo.height <= keeper.width * keeper.height && photo.size <= keeper.size;
}
