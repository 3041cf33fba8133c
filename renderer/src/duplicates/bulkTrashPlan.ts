import type { PhotoInfo } from '../../../shared/contract';
import { rawJpegTwinPaths, twinsOf } from '../../../shared/duplicates/raw-jpeg-twins';
import type { GroupView } from './groupViews';

export interface BulkTrashPlan {
  /** Groups that lose at least one photo. */
  groups: number;
  /** Of the copy sets that lose a photo, those inside similar groups (whose similar shots all stay). */
  setsInSimilarGroups: number;
  paths: string[];
  bytes: number;
  /** Copies in copy sets the plan does not trash, for the user to look at. */
  leftForReview: number;
  /** Photos of these copy sets in a protected folder (keepers included): never trashed, and said so. */
  protectedKept: number;
}

/**
 * "Trash all but the keeper", by a rule a photographer can predict. It acts on copy sets (the same picture:
 * an identical or same-picture group is one; a similar group holds one per shot kept more than once), each
 * on its own keeper:
 * - identical files (the set keeper's bytes, or its RAW+JPEG twin's) always go;
 * - another copy of the same picture goes only when it is no bigger than the set's keeper in pixels AND in
 *   file size: a smaller re-encode or resize of it. A larger or heavier one may be an edit: left for review;
 * - similar shots (the members of a similar group outside any copy set, and each set's keeper) and plain
 *   RAW+JPEG pairs are never touched;
 * - the keeper's own RAW or JPEG twin stays with it (one shot kept twice). Other RAW+JPEG sets in a copy set
 *   are copies of it (a card copied again) and follow the rules above, but only once the keeper is such a
 *   set: when the keeper has no twin, every twin is left for review rather than splitting a set;
 * - a photo in a protected folder never goes (it is the keeper of its set; a second one stays with it).
 */
export function planBulkTrash(groups: readonly GroupView[]): BulkTrashPlan {
  const paths: string[] = [];
  let bytes = 0;
  let count = 0;
  let setsInSimilarGroups = 0;
  let leftForReview = 0;
  let protectedKept = 0;
  for (const group of groups) {
    if (group.kind === 'raw+jpeg') continue;
    let groupLoses = false;
    for (const set of group.copySets) {
      const split = splitCopySet(set.photos);
      leftForReview += split.left;
      // Another computer's photo (a shared index) is trashed by Doppel there, never from here.
      const trash = split.trash.filter(
        (photo) => !group.protectedFolders.has(photo.path) && photo.machine === undefined,
      );
      for (const photo of set.photos) if (group.protectedFolders.has(photo.path)) protectedKept++;
      if (trash.length === 0) continue;
      groupLoses = true;
      if (group.kind === 'similar') setsInSimilarGroups++;
      for (const photo of trash) {
        paths.push(photo.path);
        bytes += photo.size;
      }
    }
    if (groupLoses) count++;
  }
  return { groups: count, setsInSimilarGroups, paths, bytes, leftForReview, protectedKept };
}

/** One copy set, keeper first. */
function splitCopySet(photos: readonly PhotoInfo[]): { trash: PhotoInfo[]; left: number } {
  const [keeper, ...others] = photos;
  if (!keeper) return { trash: [], left: 0 };
  const allPaths = photos.map((photo) => photo.path);
  const keeperTwins = new Set(twinsOf(keeper.path, allPaths));
  const heldForReview = keeperTwins.size > 0 ? new Set<string>() : rawJpegTwinPaths(allPaths);
  const keptHashes = new Set(
    photos.filter((photo) => photo === keeper || keeperTwins.has(photo.path)).map((photo) => photo.hash),
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
