import type { Database } from './database';
import { nextVersion } from './photo-rows';

export interface StoredFolder {
  path: string;
  /** A protected (reference) folder: its photos are never trashed. */
  protected: boolean;
}

/** The folders the user asked to index (their photos live in `photos`). */
export class FolderStore {
  constructor(private readonly db: Database) {}

  async add(paths: string[], protectedPaths: ReadonlySet<string> = new Set()): Promise<void> {
    const version = nextVersion();
    await this.db.client.insert({
      table: `${this.db.name}.folders`,
      values: paths.map((path) => ({
        path,
        version,
        is_deleted: 0,
        protected: protectedPaths.has(path) ? 1 : 0,
      })),
      format: 'JSONEachRow',
    });
  }

  async remove(path: string): Promise<void> {
    await this.db.client.insert({
      table: `${this.db.name}.folders`,
      values: [{ path, version: nextVersion(), is_deleted: 1 }],
      format: 'JSONEachRow',
    });
  }

  /** A new version of the folder's row with the flag set: the folder stays, only its protection changes. */
  async setProtected(path: string, isProtected: boolean): Promise<void> {
    await this.add([path], isProtected ? new Set([path]) : new Set());
  }

  async list(): Promise<string[]> {
    return (await this.listWithProtection()).map((folder) => folder.path);
  }

  async listWithProtection(): Promise<StoredFolder[]> {
    const result = await this.db.client.query({
      query: `SELECT path, protected FROM ${this.db.name}.folders FINAL ORDER BY path`,
      format: 'JSONEachRow',
    });
    return ((await result.json()) as { path: string; protected: number }[]).map((row) => ({
      path: row.path,
      protected: Number(row.protected) === 1,
    }));
  }

  async protectedFolders(): Promise<string[]> {
    return (await this.listWithProtection())
      .filter((folder) => folder.protected)
      .map((folder) => folder.path);
  }
}
