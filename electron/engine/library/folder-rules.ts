import { findLibraryFolder, isSameOrInside, realPathOrNearest } from './library-roots';
import { systemFolderProblem } from './system-folders';
import { UserError } from '../user-error';

const ADD_PHOTOS_INSTEAD = 'add the folder that holds your photos instead (such as your Pictures folder)';

/**
 * Why a folder can never be a library folder, or null. Doppel's data folder (or a folder inside it) holds its
 * database and thumbnails: indexed, its thumbnails would be "duplicates" of the photos, offered for the
 * trash. A system folder (/, /etc, C:\Windows…) holds no photos of yours, and trashing a "duplicate" there
 * breaks the system. A folder that contains the data folder (the home folder) is fine: the scan never enters
 * the data folder. `root` is the folder's real name; `shown` the name the user gave.
 */
export function libraryFolderProblem(root: string, dataDir: string, shown = root): string | null {
  const data = realPathOrNearest(dataDir);
  if (isSameOrInside(root, data)) {
    const where = root === data ? "is Doppel's own data folder" : `is inside Doppel's data folder ${dataDir}`;
    return `${shown} ${where}, where it keeps its database and thumbnails: ${ADD_PHOTOS_INSTEAD}.`;
  }
  const system = systemFolderProblem(root, 'library', shown);
  return system ? `${system}: ${ADD_PHOTOS_INSTEAD}.` : null;
}

/** The stored library folder a removal names; anything else (/, a folder inside one) removes nothing. */
export function libraryFolderToRemove(path: string, library: string[]): string {
  return libraryFolderNamed(path, library, 'removed');
}

/** The stored library folder `path` names (by its name or real name), or a refusal saying nothing was `done`. */
export function libraryFolderNamed(path: string, library: string[], done: string): string {
  const folder = findLibraryFolder(path, library);
  if (folder === null)
    throw new UserError('not-a-library-folder', `${path} is not a library folder; nothing was ${done}.`);
  return folder;
}
