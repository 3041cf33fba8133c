import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { isSameOrInside, realPathOrNearest } from '../library/library-roots';
import { systemFolderProblem } from '../library/system-folders';

export interface MoveDestinationContext {
  /** The library's folders: a move into one of them would make the photos duplicates again. */
  libraryFolders: string[];
  dataDir: string;
  thumbnailFolder: string;
}

/**
 * Why the photos may not be moved into `destination`, or null; checked by real path (a link to /etc is /etc).
 * A library folder (or a folder inside one) is refused rather than warned about: the watcher would index the
 * moved photos again and show them as the same duplicates, with the original folder gone. Doppel's data and
 * thumbnail folders are not for photos, and a system folder holds none of the user's.
 */
export async function moveDestinationProblem(
  destination: string,
  context: MoveDestinationContext,
): Promise<string | null> {
  if (!isAbsolute(destination))
    return `${destination} is not a full path to a folder (it must start at the top)`;
  const info = await stat(destination).catch(() => null);
  if (!info) return `${destination} does not exist: create the folder first`;
  if (!info.isDirectory()) return `${destination} is a file, not a folder`;
  const real = realPathOrNearest(destination);
  for (const [folder, what] of [
    [context.dataDir, "Doppel's data folder"],
    [context.thumbnailFolder, "Doppel's thumbnail folder"],
  ] as const) {
    if (isSameOrInside(real, realPathOrNearest(folder)))
      return `${destination} is ${real === realPathOrNearest(folder) ? '' : 'inside '}${what}: pick a folder of your own`;
  }
  const library = context.libraryFolders.find((folder) => isSameOrInside(real, realPathOrNearest(folder)));
  if (library !== undefined)
    return `${destination} is in the library (${library}): moved there, the photos would be duplicates again. Pick a folder outside the library, such as one on an archive drive`;
  const system = systemFolderProblem(real, 'library', destination);
  return system ? `${system}: pick a folder of your own` : null;
}
