import { stat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { topmost } from '../watching/changed-directories';

/** A folder to walk, and the library folder its photos belong to (their `folder` column). */
export interface ScanTarget {
  dir: string;
  folder: string;
}

/**
 * What a run walks: each library folder whole, or only the changed subtrees inside it that the watcher
 * reported. A subtree that is gone (a deleted or renamed folder) is replaced by its nearest existing parent,
 * whose walk then sees every photo that was under it as vanished; a library folder that is gone itself stays
 * as it is, so the scan reports it as not connected and drops nothing.
 */
export async function scanTargets(folders: string[], subtrees?: string[]): Promise<ScanTarget[]> {
  const targets: ScanTarget[] = [];
  for (const folder of folders.map((path) => resolve(path))) {
    const inside = (subtrees ?? [])
      .map((path) => resolve(path))
      .filter((path) => isSameOrUnder(path, folder));
    if (inside.length === 0 || inside.includes(folder)) {
      targets.push({ dir: folder, folder });
      continue;
    }
    const existing = await Promise.all(topmost(inside).map((dir) => nearestExisting(dir, folder)));
    for (const dir of topmost(existing)) targets.push({ dir, folder });
  }
  return targets;
}

async function nearestExisting(dir: string, folder: string): Promise<string> {
  let current = dir;
  while (current !== folder) {
    try {
      if ((await stat(current)).isDirectory()) return current;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Unreadable rather than gone (no permission, an I/O error): the walk reports it and drops nothing.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return current;
    }
    const parent = dirname(current);
    if (parent === current) return folder;
    current = parent;
  }
  return folder;
}

function isSameOrUnder(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}
