import type { Database } from './database';
import { nextVersion } from './photo-rows';

/** The folders the user asked to index (their photos live in `photos`). */
export class FolderStore {
  constructor(private readonly db: Database) {}

  async add(paths: string[]): Promise<void> {
    const version = nextVersion();
    await this.db.client.insert({
      table: `${this.db.name}.folders`,
      values: paths.map((path) => ({ path, version, is_deleted: 0 })),
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

  async list(): Promise<string[]> {
    const result = await this.db.client.query({
      query: `SELECT path FROM ${this.db.name}.folders FINAL ORDER BY path`,
      format: 'JSONEachRow',
    });
    return ((await result.json()) as { path: string }[]).map((r) => r.path);
  }
}
