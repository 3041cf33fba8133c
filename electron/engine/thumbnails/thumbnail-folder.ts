import { join, resolve } from 'node:path';
import { folderKey, isSameOrInside, realPathOrNearest as onDisk } from '../library/library-roots';
import { systemFolderProblem } from '../library/system-folders';

/** The folder of its own the cache uses inside a folder the user chose, so it never mixes with their files. */
export const THUMBNAIL_SUBFOLDER = 'Doppel Thumbnails';

/** The default inside the data folder is the app's own; any other chosen folder gets a subfolder. */
export function thumbnailCacheFolder(chosen: string, dataDir: string): string {
  const own = join(dataDir, 'thumbnails');
  return folderKey(chosen) === folderKey(own) ? resolve(chosen) : join(resolve(chosen), THUMBNAIL_SUBFOLDER);
}

/**
 * Why a chosen thumbnail folder cannot be used, or null, all by real path (a link to /etc is /etc). Inside
 * a library folder, thumbnails would be indexed as photos (and found as duplicates of them), and a mistake
 * there deletes photos. A system folder (/etc, C:\Windows) or the home folder itself is no place to create
 * folders in. In the data folder only its own default: elsewhere there it would sit in the database's files,
 * and a cache holding the data folder would hold the database.
 */
export function thumbnailFolderProblem(chosen: string, dataDir: string, library: string[]): string | null {
  const shown = resolve(chosen);
  const system = systemFolderProblem(onDisk(chosen), 'thumbnails', shown);
  if (system) return `${system}: choose a folder of your own for the thumbnails.`;
  const cache = onDisk(thumbnailCacheFolder(chosen, dataDir));
  const data = onDisk(dataDir);
  const own = onDisk(join(dataDir, 'thumbnails'));
  if (isSameOrInside(data, cache))
    return `The thumbnail folder ${shown} would hold Doppel's data folder ${dataDir}: choose a folder of your own for the thumbnails.`;
  if (isSameOrInside(cache, data) && folderKey(cache) !== folderKey(own))
    return `The thumbnail folder ${shown} is inside Doppel's data folder ${dataDir}: choose a folder of your own, or the default ${join(dataDir, 'thumbnails')}.`;
  const folder = library.find((root) => overlaps(cache, root));
  return folder === undefined
    ? null
    : `The thumbnail folder ${shown} is inside the library folder ${folder}: choose a folder outside your photos.`;
}

/** The cache folder (a real name) is, holds or lies in the library folder. */
function overlaps(cache: string, folder: string): boolean {
  const root = onDisk(folder);
  return isSameOrInside(cache, root) || isSameOrInside(root, cache);
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
  const real = onDisk(cache);
  return added
    .filter((root) => overlaps(real, root))
    .map((root) => ({
      path: root,
      error: `${root} holds Doppel's thumbnail folder ${cache}: choose another thumbnail folder in Settings first`,
    }));
}
