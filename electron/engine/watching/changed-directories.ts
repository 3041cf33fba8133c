import { isAbsolute, relative, sep } from 'node:path';

/** More distinct changed folders than this under one library folder: walk it whole (a reorganisation). */
export const MAX_CHANGED_DIRECTORIES = 200;

/**
 * The folders that changed under each library folder since the last run, so a run rescans only those
 * subtrees instead of walking (and statting) the whole library for one new photo. A library folder changed
 * as a whole (its own event, a fallback rescan, a failed watch, too many folders) is rescanned whole.
 */
export class ChangedDirectories {
  /** Library folder → changed folders inside it; null: the whole library folder. */
  private changes = new Map<string, Set<string> | null>();

  constructor(private readonly limit = MAX_CHANGED_DIRECTORIES) {}

  get size(): number {
    return this.changes.size;
  }

  /** `dir` changed (its own entries, or anything below it); outside `folder` counts as the whole folder. */
  add(folder: string, dir: string = folder): void {
    const current = this.changes.get(folder);
    if (current === null) return;
    const inside = relative(folder, dir);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
      this.changes.set(folder, null);
      return;
    }
    const dirs = current ?? new Set<string>();
    dirs.add(dir);
    this.changes.set(folder, dirs.size > this.limit ? null : dirs);
  }

  /** Forget a folder (removed from the library). */
  delete(folder: string): void {
    this.changes.delete(folder);
  }

  folders(): string[] {
    return [...this.changes.keys()];
  }

  /** Each library folder with the topmost changed folders inside it ([folder] itself when whole); clears. */
  take(): { folder: string; subtrees: string[] }[] {
    const taken = [...this.changes].map(([folder, dirs]) => ({
      folder,
      subtrees: dirs === null ? [folder] : topmost([...dirs]),
    }));
    this.changes.clear();
    return taken;
  }
}

/** Drop every folder that lies inside another one of the list: scanning the outer one covers it. */
export function topmost(dirs: string[]): string[] {
  const sorted = [...new Set(dirs)].sort();
  const kept: string[] = [];
  for (const dir of sorted) {
    // Sorted, an ancestor comes before its descendants; but "a b" sorts between "a" and "a/b", so check all.
    if (!kept.some((outer) => dir.startsWith(outer.endsWith(sep) ? outer : outer + sep))) kept.push(dir);
  }
  return kept;
}
