import type { PhotoInfo } from '../../../shared/contract/entities';
import type { Database } from './database';
import { PHOTO_INFO_COLUMNS, toPhotoInfo, type PhotoInfoRow, type PhotoRow } from './photo-rows';

export interface KnownFile {
  path: string;
  size: number;
  mtimeMs: number;
  hash: string;
  model: string;
}

/** A monotonic row version: later writes win in ReplacingMergeTree even within one millisecond. */
let lastVersion = 0;
export function nextVersion(): number {
  lastVersion = Math.max(Date.now() * 1000, lastVersion + 1);
  return lastVersion;
}

export class PhotoStore {
  constructor(private readonly db: Database) {}

  private get table(): string {
    return `${this.db.name}.photos`;
  }

  async insert(rows: PhotoRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.client.insert({ table: this.table, values: rows, format: 'JSONEachRow' });
  }

  /** Tombstones: the rows vanish from FINAL reads at once and from disk at the next merge. */
  async remove(paths: string[]): Promise<void> {
    for (let i = 0; i < paths.length; i += 5000) {
      const version = nextVersion();
      const values = paths.slice(i, i + 5000).map((path) => ({ path, version, is_deleted: 1 }));
      await this.db.client.insert({
        table: this.table,
        values,
        format: 'JSONEachRow',
        columns: ['path', 'version', 'is_deleted'],
      });
    }
  }

  async knownUnder(folders: string[]): Promise<KnownFile[]> {
    const rows = await this.select<{
      path: string;
      size: string;
      mtime_ms: string;
      hash: string;
      model: string;
    }>(
      `SELECT path, size, mtime_ms, hash, model FROM ${this.table} FINAL
       WHERE arrayExists(f -> startsWith(path, f), {folders:Array(String)})`,
      { folders: folders.map(withTrailingSeparator) },
    );
    return rows.map((r) => ({
      path: r.path,
      size: Number(r.size),
      mtimeMs: Number(r.mtime_ms),
      hash: r.hash,
      model: r.model,
    }));
  }

  /** A live row with this content, to reuse its work for a moved, renamed or copied file. */
  async findByHash(hash: string): Promise<PhotoRow | null> {
    const rows = await this.select<PhotoRow>(
      `SELECT * FROM ${this.table} FINAL WHERE hash = {hash:String} ORDER BY length(vector) DESC LIMIT 1`,
      { hash },
    );
    return rows[0] ?? null;
  }

  async info(path: string): Promise<PhotoInfo | null> {
    const rows = await this.select<PhotoInfoRow>(
      `SELECT ${PHOTO_INFO_COLUMNS} FROM ${this.table} FINAL WHERE path = {path:String}`,
      { path },
    );
    return rows[0] ? toPhotoInfo(rows[0]) : null;
  }

  async vectorOf(path: string, model: string): Promise<number[] | null> {
    const rows = await this.select<{ vector: number[] }>(
      `SELECT vector FROM ${this.table} FINAL WHERE path = {path:String} AND model = {model:String}`,
      { path, model },
    );
    return rows[0]?.vector ?? null;
  }

  async count(): Promise<number> {
    const rows = await this.select<{ n: string }>(`SELECT count() AS n FROM ${this.table} FINAL`);
    return Number(rows[0]?.n ?? 0);
  }

  /** Photos that hold a vector of this model (the rest wait for a re-embed). */
  async countWithModel(model: string): Promise<number> {
    const rows = await this.select<{ n: string }>(
      `SELECT count() AS n FROM ${this.table} FINAL WHERE model = {model:String}`,
      { model },
    );
    return Number(rows[0]?.n ?? 0);
  }

  async countUnder(folder: string): Promise<number> {
    const rows = await this.select<{ n: string }>(
      `SELECT count() AS n FROM ${this.table} FINAL WHERE startsWith(path, {prefix:String})`,
      { prefix: withTrailingSeparator(folder) },
    );
    return Number(rows[0]?.n ?? 0);
  }

  async pathsUnder(folder: string): Promise<string[]> {
    const rows = await this.select<{ path: string }>(
      `SELECT path FROM ${this.table} FINAL WHERE startsWith(path, {prefix:String})`,
      { prefix: withTrailingSeparator(folder) },
    );
    return rows.map((r) => r.path);
  }

  async hashesOf(paths: string[]): Promise<Map<string, string>> {
    const rows = await this.select<{ path: string; hash: string }>(
      `SELECT path, hash FROM ${this.table} FINAL WHERE path IN {paths:Array(String)}`,
      { paths },
    );
    return new Map(rows.map((r) => [r.path, r.hash]));
  }

  /** Nearest photos to a unit vector, by L2 distance, among photos embedded by `model`. */
  async nearest(model: string, vector: Float32Array, limit: number, maxDistance: number | undefined) {
    const rows = await this.select<PhotoInfoRow & { distance: number }>(
      `SELECT ${PHOTO_INFO_COLUMNS}, L2Distance(vector, {vector:Array(Float32)}) AS distance
       FROM ${this.table} FINAL
       WHERE model = {model:String} AND length(vector) = {dims:UInt32}
         AND distance <= {maxDistance:Float64}
       ORDER BY distance ASC, path ASC LIMIT {limit:UInt32}`,
      { model, vector: Array.from(vector), dims: vector.length, maxDistance: maxDistance ?? 1e9, limit },
    );
    return rows.map((row) => ({ path: row.path, distance: Number(row.distance), photo: toPhotoInfo(row) }));
  }

  private async select<T>(query: string, query_params?: Record<string, unknown>): Promise<T[]> {
    const result = await this.db.client.query({ query, query_params, format: 'JSONEachRow' });
    return (await result.json()) as T[];
  }
}

/** "/photos" must not match "/photos-old/x.jpg". */
export function withTrailingSeparator(folder: string): string {
  return /[\\/]$/.test(folder)
    ? folder
    : `${folder}${folder.includes('\\') && !folder.includes('/') ? '\\' : '/'}`;
}
