import { stat } from 'node:fs/promises';
import { lastPathPart } from '../../../shared/duplicates/folder-paths';
import { isSameOrInside } from '../library/library-roots';
import type { Database } from '../store/database';
import { FolderStore } from '../store/folder-store';
import { PhotoStore, type StoredFile } from '../store/photo-store';

/**
 * Checks made right before a file goes to the trash, for what the database cannot know:
 * - it is in a protected folder the user marked (the master archive): never trashed, by any action;
 * - the file changed since it was read (an edit saved over it): its group is stale, rescan first;
 * - it is the very file another library path names (a hard link, a folder reached through a symlink): two
 *   names for one file look like an "identical" pair, and trashing either would remove the only copy.
 */
export class TrashGuard {
  private constructor(
    private readonly stored: Map<string, StoredFile>,
    /** Live library paths by content hash: a second name for a file always has the same content. */
    private readonly byHash: Map<string, string[]>,
    private readonly protectedFolders: string[],
  ) {}

  static async load(db: Database, paths: string[]): Promise<TrashGuard> {
    const photos = new PhotoStore(db);
    const rows = await photos.storedFiles(paths);
    const stored = new Map(rows.map((row) => [row.path, row]));
    const hashes = [...new Set(rows.map((row) => row.hash).filter((hash) => hash !== ''))];
    const protectedFolders = await new FolderStore(db).protectedFolders();
    return new TrashGuard(stored, await photos.pathsByHash(hashes), protectedFolders);
  }

  /** Why this path must not go to the trash now, or null. Call it right before moving the file. */
  async problem(path: string): Promise<string | null> {
    const row = this.stored.get(path);
    if (!row) return 'not in the library';
    const shield = this.protectedFolders.find((folder) => isSameOrInside(path, folder));
    if (shield) return `it is in a protected folder (${lastPathPart(shield)}); Doppel never trashes it`;
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
