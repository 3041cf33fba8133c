import { realpathSync, statSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import type { IndexError } from '../../../shared/contract/entities';

/** Said of a library folder that is not there: most often an external drive that is not plugged in. */
export const NOT_FOUND = 'not found — is the drive connected?';

/**
 * The one name of a folder: symlinks resolved and, on macOS and Windows, the case as it is on disk
 * (`realpath.native`). Two names for one folder (a symlink, another case) would index every photo twice and
 * show each as an "identical" copy of itself, whose trash would remove the only copy.
 */
export function canonicalFolder(path: string): string {
  return realpathSync.native(resolve(path));
}

/**
 * The key two folder names are compared by. NFC, because macOS hands out decomposed names while a typed or
 * pasted path is usually composed. Only compared, never stored: on Linux the two forms are different names,
 * and a stored path must open the file it names.
 */
export function folderKey(path: string): string {
  return resolve(path).normalize('NFC');
}

/**
 * The real name of a folder, or of its nearest existing parent with the rest appended: a folder chosen in
 * Settings may not exist yet, and a link on the way to it must not hide where it really is.
 */
export function realPathOrNearest(path: string): string {
  const full = resolve(path);
  try {
    return canonicalFolder(full);
  } catch {
    const parent = resolve(full, '..');
    return parent === full ? full : join(realPathOrNearest(parent), basename(full));
  }
}

/**
 * The library folder, as stored, that `path` names: by its name, or else by its real name (a link to it,
 * another case on macOS). Null when it is none of them: a folder inside one, or outside the library.
 */
export function findLibraryFolder(path: string, library: string[]): string | null {
  const byName = library.find((folder) => folderKey(folder) === folderKey(path));
  if (byName !== undefined) return byName;
  let real: string;
  try {
    real = canonicalFolder(path);
  } catch {
    return null;
  }
  return library.find((folder) => folderKey(keyOnDisk(folder)) === folderKey(real)) ?? null;
}

export function isSameOrInside(child: string, parent: string): boolean {
  const c = folderKey(child);
  const p = folderKey(parent);
  return c === p || c.startsWith(p.endsWith(sep) ? p : p + sep);
}

export interface LibraryRootsPlan {
  /** Folders to scan, canonical (or, for a folder already in the library, as stored). */
  roots: string[];
  /** Folders new to the library (to add to the folder list). */
  added: string[];
  /** Library folders inside a newly added one: it takes them over (their photos keep their paths). */
  absorbed: string[];
  /** One per requested folder that is not scanned, in the photographer's words. */
  errors: IndexError[];
}

/**
 * Decide which requested folders a run scans. A folder already in the library (as stored) is rescanned; one
 * that is gone is reported, not dropped. A new folder is added by its canonical name, and refused when it is
 * (or lies inside) a library folder under another name. A new folder that contains library folders absorbs
 * them: one root instead of overlapping ones, so no photo is ever reached under two roots.
 * `onlyKnown` (the watcher, a re-embed): never add a folder, skip what is no longer in the library.
 * `refuse`: why a new folder (by its real name) can never be a library folder, or null.
 */
export function planLibraryRoots(
  requested: string[],
  library: string[],
  onlyKnown = false,
  refuse: (root: string, requested: string) => string | null = () => null,
): LibraryRootsPlan {
  const plan: LibraryRootsPlan = { roots: [], added: [], absorbed: [], errors: [] };
  const known = new Map(library.map((folder) => [folderKey(folder), folder]));
  const libraryKeys = library.map((folder) => ({ folder, key: keyOnDisk(folder) }));
  for (const path of new Set(requested.map((p) => resolve(p)))) {
    const stored = known.get(folderKey(path));
    if (stored !== undefined) {
      const problem = folderProblem(stored);
      if (problem) plan.errors.push({ path: stored, error: problem });
      else if (!plan.roots.includes(stored)) plan.roots.push(stored);
      continue;
    }
    if (onlyKnown) continue; // removed from the library meanwhile
    const problem = folderProblem(path);
    if (problem) {
      plan.errors.push({ path, error: problem });
      continue;
    }
    const root = canonicalFolder(path);
    const refused = refuse(root, path);
    if (refused) {
      plan.errors.push({ path, error: refused });
      continue;
    }
    const container =
      libraryKeys.find(({ key }) => isSameOrInside(root, key)) ??
      plan.added.map((folder) => ({ folder, key: folder })).find(({ key }) => isSameOrInside(root, key));
    if (container) {
      plan.errors.push({ path, error: `${path} is already in the library (inside ${container.folder})` });
      continue;
    }
    for (const { folder, key } of libraryKeys)
      if (isSameOrInside(key, root) && !plan.absorbed.includes(folder)) plan.absorbed.push(folder);
    plan.added = plan.added.filter((folder) => !isSameOrInside(folder, root));
    plan.roots = plan.roots.filter((folder) => !isSameOrInside(folder, root));
    plan.added.push(root);
    plan.roots.push(root);
  }
  return plan;
}

/** A library folder stored before names were canonical compares by its real name when it is there. */
function keyOnDisk(folder: string): string {
  try {
    return canonicalFolder(folder);
  } catch {
    return resolve(folder);
  }
}

function folderProblem(path: string): string | null {
  try {
    return statSync(path).isDirectory() ? null : 'is not a folder';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return NOT_FOUND;
    return `cannot open the folder (${code ?? String(error)})`;
  }
}
