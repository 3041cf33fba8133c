import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { isSameOrInside, realPathOrNearest } from '../library/library-roots';

/**
 * Folders no scan or watch ever enters (Doppel's data folder, its thumbnail folder), compared by REAL path:
 * a link in the library to the data folder, to a folder inside it, or to one thumbnail in it must not get
 * Doppel's own files indexed as photos (and offered for the trash as "duplicates" of the originals).
 */
export class ExcludedFolders {
  private readonly reals: string[];

  constructor(paths: string[]) {
    this.reals = [...new Set(paths.flatMap((path) => [resolve(path), realPathOrNearest(path)]))];
  }

  /** Whether a real path (a folder's or a file's) is, or lies inside, an excluded folder. */
  coversReal(real: string): boolean {
    return this.reals.some((excluded) => isSameOrInside(real, excluded));
  }

  /** The same for a path as named: by its name, and by its real name when it exists. */
  covers(path: string): boolean {
    if (this.coversReal(resolve(path))) return true;
    try {
      return this.coversReal(realpathSync.native(path));
    } catch {
      return false;
    }
  }
}
