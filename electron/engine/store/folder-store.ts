import { machineScope, type Database } from './database';
import { nextVersion } from './photo-rows';

export interface StoredFolder {
  path: string;
  /** A protected (reference) folder: its photos are never trashed. */
  protected: boolean;
  /** The name of the computer it is on, when it is another computer's (an index shared on a server). */
  machine?: string;
}

/**
 * The folders the user asked to index (their photos live in `photos`). Each is the computer's that added it
 * (its key, see machine-scope.ts): `list` is this computer's, the folders it scans and watches;
 * `listEverywhere` adds the other computers' sharing the index.
 */
export class FolderStore {
  constructor(private readonly db: Database) {}

  async add(paths: string[], protectedPaths: ReadonlySet<string> = new Set()): Promise<void> {
    const version = nextVersion();
    await this.db.client.insert({
      table: `${this.db.name}.folders`,
      values: paths.map((path) => ({
        path: machineScope(this.db).toKey(path),
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
      values: [{ path: machineScope(this.db).toKey(path), version: nextVersion(), is_deleted: 1 }],
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

  /** This computer's library folders. */
  async listWithProtection(): Promise<StoredFolder[]> {
    return (await this.listEverywhere()).filter((folder) => folder.machine === undefined);
  }

  /** Every computer's library folders: this one's by their paths, the others' with their computer's name. */
  async listEverywhere(): Promise<StoredFolder[]> {
    const scope = machineScope(this.db);
    const result = await this.db.client.query({
      query: `SELECT path, protected FROM ${this.db.name}.folders FINAL ORDER BY path`,
      format: 'JSONEachRow',
    });
    const rows = (await result.json()) as { path: string; protected: number }[];
    const paths = rows.map((row) => scope.toPath(row.path));
    const names = await scope.ownerNames(paths);
    return rows
      .map((row, index) => {
        const owner = scope.ownerOf(paths[index]!);
        const folder: StoredFolder = { path: paths[index]!, protected: Number(row.protected) === 1 };
        return owner === null ? folder : { ...folder, machine: names.get(owner)! };
      })
      .sort((a, b) => Number(a.machine !== undefined) - Number(b.machine !== undefined));
  }

  /** Protected folders of every computer: a keeper rule reads them for every group, wherever it lives. */
  async protectedFolders(): Promise<string[]> {
    return (await this.listEverywhere()).filter((folder) => folder.protected).map((folder) => folder.path);
  }
}
