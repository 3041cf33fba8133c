import { stat } from 'node:fs/promises';
import type { Database } from '../store/database';

interface StoredFile {
  path: string;
  size: number;
  mtimeMs: number;
  hash: string;
}

/**
 * Checks made right before a file goes to the trash, for what the database cannot know:
 * - the file changed since it was read (an edit saved over it): its group is stale, rescan first;
 * - it is the very file another library path names (a hard link, a folder reached through a symlink): two
 *   names for one file look like an "identical" pair, and trashing either would remove the only copy.
 */
export class TrashGuard {
  private constructor(
    private readonly stored: Map<string, StoredFile>,
    /** Live library paths by content hash: a second name for a file always has the same content. */
    private readonly byHash: Map<string, string[]>,
  ) {}

  static async load(db: Database, paths: string[]): Promise<TrashGuard> {
    const rows = await select<{ path: string; size: string; mtime_ms: string; hash: string }>(
      db,
      `SELECT path, size, mtime_ms, hash FROM ${db.name}.photos FINAL WHERE path IN {paths:Array(String)}`,
      { paths },
    );
    const stored = new Map(
      rows.map((r) => [
        r.path,
        { path: r.path, size: Number(r.size), mtimeMs: Number(r.mtime_ms), hash: r.hash },
      ]),
    );
    const hashes = [...new Set(rows.map((r) => r.hash).filter((hash) => hash !== ''))];
    const twins = await select<{ path: string; hash: string }>(
      db,
      `SELECT path, hash FROM ${db.name}.photos FINAL WHERE hash IN {hashes:Array(String)}`,
      { hashes },
    );
    const byHash = new Map<string, string[]>();
    for (const { path, hash } of twins) byHash.set(hash, [...(byHash.get(hash) ?? []), path]);
    return new TrashGuard(stored, byHash);
  }

  /** Why this path must not go to the trash now, or null. Call it right before moving the file. */
  async problem(path: string): Promise<string | null> {
    const row = this.stored.get(path);
    if (!row) return 'not in the library';
    const info = await stat(path).catch(() => null);
    if (!info) return 'the file is no longer there: rescan first';
    if (info.size !== row.size || Math.floor(info.mtimeMs) !== row.mtimeMs)
      return 'changed since Doppel read it: rescan first';
    for (const other of this.byHash.get(row.hash) ?? []) {
      if (other === path) continue;
      const twin = await stat(other).catch(() => null);
      if (twin && info.ino !== 0 && twin.dev === info.dev && twin.ino === info.ino)
        return `this is the same file as ${other}, not a copy`;
    }
    return null;
  }
}

async function select<T>(db: Database, query: string, query_params: Record<string, unknown>): Promise<T[]> {
  const result = await db.client.query({ query, query_params, format: 'JSONEachRow' });
  return (await result.json()) as T[];
}
