import { basename, join, resolve } from 'node:path';
import { canonicalFolder, folderKey, isSameOrInside } from '../library/library-roots';

/** The folder of its own the cache uses inside a folder the user chose, so it never mixes with their files. */
export const THUMBNAIL_SUBFOLDER = 'Doppel Thumbnails';

/** The default inside the data folder is the app's own; any other chosen folder gets a subfolder. */
export function thumbnailCacheFolder(chosen: string, dataDir: string): string {
  const own = join(dataDir, 'thumbnails');
  return folderKey(chosen) === folderKey(own) ? resolve(chosen) : join(resolve(chosen), THUMBNAIL_SUBFOLDER);
}

/**
 * Why a chosen thumbnail folder cannot be used, or null. Inside a library folder, thumbnails would be
 * indexed as photos (and found as duplicates of them), and a mistake there deletes photos.
 */
export function thumbnailFolderProblem(chosen: string, dataDir: string, library: string[]): string | null {
  const cache = onDisk(thumbnailCacheFolder(chosen, dataDir));
  for (const folder of library) {
    const root = onDisk(folder);
    if (isSameOrInside(cache, root) || isSameOrInside(root, cache))
      return `The thumbnail folder ${resolve(chosen)} is inside the library folder ${folder}: choose a folder outside your photos.`;
  }
  return null;
}

/** The real name of a folder, or of its nearest existing parent with the rest appended (it may not exist yet). */
function onDisk(path: string): string {
  const full = resolve(path);
  try {
    return canonicalFolder(full);
  } catch {
    const parent = resolve(full, '..');
    return parent === full ? full : join(onDisk(parent), basename(full));
  }
}

/**
 * New library folders that hold a thumbnail folder chosen in Settings: indexing them would read thumbnails
 * as photos (each a "duplicate" of its original). The default one lives in the data folder, never indexed.
 */
export function foldersHoldingThumbnails(
  added: string[],
  chosen: string,
  dataDir: string,
): { path: string; error: string }[] {
  if (folderKey(chosen) === folderKey(join(dataDir, 'thumbnails'))) return [];
  const cache = thumbnailCacheFolder(chosen, dataDir);
  return added
    .filter((root) => thumbnailFolderProblem(chosen, dataDir, [root]) !== null)
    .map((root) => ({
      path: root,
      error: `${root} holds Doppel's thumbnail folder ${cache}: choose another thumbnail folder in Settings first`,
    }));
}
