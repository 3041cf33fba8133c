import type { PhotoInfo } from '../contract/entities';
import { DEFAULT_KEEPER_CONTEXT, keeperComparator, type KeeperContext } from './keeper-rules';

/**
 * The suggested keeper of a group under the default rule (no protected folder), by a rule a photographer can
 * predict:
 * 0. a camera RAW over any other file (the RAW is the original; a JPEG, even a large one, is a rendering),
 * 1. the most pixels (the original, not a resized export),
 * 2. then the largest file (less compression),
 * 3. then the oldest capture date (EXIF, else file time: the first copy, not a later re-save),
 * 4. then the shortest path, then alphabetical, so the choice is stable between runs.
 * The user may reorder these and add others (see keeper-rules.ts); a protected folder's photo always wins.
 */
export const compareKeeperPreference: (a: PhotoInfo, b: PhotoInfo) => number =
  keeperComparator(DEFAULT_KEEPER_CONTEXT);

export function pickKeeper(
  photos: readonly PhotoInfo[],
  context: KeeperContext = DEFAULT_KEEPER_CONTEXT,
): PhotoInfo {
  if (photos.length === 0) throw new Error('pickKeeper needs at least one photo');
  const compare = context === DEFAULT_KEEPER_CONTEXT ? compareKeeperPreference : keeperComparator(context);
  return photos.reduce((best, photo) => (compare(photo, best) < 0 ? photo : best));
}
