import type { PhotoInfo } from '../../../shared/contract/entities';
import { CellSearch, type CellSearchOptions } from '../cells/cell-search';
import { CellStore } from './cell-store';
import { machineScope, type Database } from './database';
import type { MachineScope } from './machine-scope';
import { searchVectorType } from './schema';
import {
  fromPhotoRow,
  nextVersion,
  PHOTO_INFO_COLUMNS,
  PHOTO_RECORD_COLUMNS,
  toPhotoInfo,
  toPhotoRow,
  type PhotoInfoRow,
  type PhotoRecord,
  type StoredPhotoRow,
} from './photo-rows';

// The engine hands photos to the store in its own words; the rows themselves stay inside store/.
export type { PhotoRecord } from './photo-rows';

export interface KnownFile {
  path: string;
  size: number;
  mtimeMs: number;
  hash: string;
  model: string;
  /** Whether its photo has been decoded (false: only catalogued, its look still to come). */
  looked: boolean;
}

export interface IndexedFile {
  hash: string;
  size: number;
  mtimeMs: number;
  /** The library folder it was found under (by real path). */
  folder: string;
}

/** What the index recorded about a file the user asked to trash, to check it right before the move. */
export interface StoredFile {
  path: string;
  size: number;
  mtimeMs: number;
  hash: string;
}

export class PhotoStore {
  private readonly cellSearch: CellSearch;

  /** `cellSearch`: how many cells a query by photo reads in a library with cells (tests, the bench). */
  constructor(
    private readonly db: Database,
    cellSearch?: CellSearchOptions,
  ) {
    this.cellSearch = new CellSearch(new CellStore(db), cellSearch);
  }

  private get table(): string {
    return `${this.db.name}.photos`;
  }

  private get searchTable(): string {
    return `${this.db.name}.search_vectors`;
  }

  /** Paths in, keys stored; keys read, paths out (see machine-scope.ts). */
  private get machines(): MachineScope {
    return machineScope(this.db);
  }

  private keys(paths: string[]): string[] {
    return paths.map((path) => this.machines.toKey(path));
  }

  /** These folders' key prefixes: a folder of this computer's, or another's named as this one names it. */
  private prefixes(folders: string[]): string[] {
    return folders.map((folder) => this.machines.toKey(withTrailingSeparator(folder)));
  }

  /**
   * Store these photos as their paths' live rows, in one atomic insert per table (one version for the
   * batch: a batch names each path once). The search copy first, so a write killed in between never
   * leaves a photo search cannot find (the sync on open also repairs it).
   */
  async insert(records: PhotoRecord[]): Promise<void> {
    if (records.length === 0) return;
    const version = nextVersion();
    const rows = records.map((record) =>
      toPhotoRow(
        {
          ...record,
          path: this.machines.toKey(record.path),
          folder: this.machines.toKey(record.folder),
          hash: this.machines.hashToStore(record.hash, record.path),
        },
        version,
      ),
    );
    const searchRows = rows.map((r) => ({
      path: r.path,
      model: r.model,
      vector: r.vector,
      hash: r.hash,
      size: r.size,
      mtime_ms: r.mtime_ms,
      width: r.width,
      height: r.height,
      format: r.format,
      taken_at: r.taken_at,
      version: r.version,
    }));
    await this.db.client.insert({ table: this.searchTable, values: searchRows, format: 'JSONEachRow' });
    await this.db.client.insert({ table: this.table, values: rows, format: 'JSONEachRow' });
  }

  /**
   * Tombstones: the rows vanish from FINAL reads at once and from disk at the next merge. Photos first: a
   * removal killed in between leaves a search row without its photo, which the sync on open tombstones
   * (the other order would leave a live photo that search cannot find).
   */
  async remove(paths: string[]): Promise<void> {
    for (let i = 0; i < paths.length; i += 5000) {
      const version = nextVersion();
      const values = this.keys(paths.slice(i, i + 5000)).map((path) => ({ path, version, is_deleted: 1 }));
      for (const table of [this.table, this.searchTable]) {
        await this.db.client.insert({
          table,
          values,
          format: 'JSONEachRow',
          columns: ['path', 'version', 'is_deleted'],
        });
      }
    }
  }

  async knownUnder(folders: string[]): Promise<KnownFile[]> {
    const rows = await this.select<{
      path: string;
      size: string;
      mtime_ms: string;
      hash: string;
      model: string;
      looked: number;
    }>(
      `SELECT path, size, mtime_ms, hash, model, length(pixel_vector) > 0 AS looked FROM ${this.table} FINAL
       WHERE arrayExists(f -> startsWith(path, f), {folders:Array(String)})`,
      { folders: this.prefixes(folders) },
    );
    return rows.map((r) => ({
      path: this.machines.toPath(r.path),
      size: Number(r.size),
      mtimeMs: Number(r.mtime_ms),
      hash: this.machines.hashAsRead(r.hash, r.path),
      model: r.model,
      looked: Boolean(Number(r.looked)),
    }));
  }

  /**
   * A live row with this content, to reuse its work for a moved, renamed or copied file: one that has been
   * looked at (and embedded) first, as a merely catalogued row has no work to reuse.
   */
  async findByHash(hash: string): Promise<PhotoRecord | null> {
    const rows = await this.select<StoredPhotoRow>(
      `SELECT ${PHOTO_RECORD_COLUMNS} FROM ${this.table} FINAL
       WHERE hash = {hash:String} ORDER BY length(pixel_vector) > 0 DESC, length(vector) DESC LIMIT 1`,
      { hash },
    );
    return rows[0] ? this.fromRow(rows[0]) : null;
  }

  private fromRow(row: StoredPhotoRow): PhotoRecord {
    const record = fromPhotoRow(row);
    return {
      ...record,
      path: this.machines.toPath(record.path),
      folder: this.machines.toPath(record.folder),
    };
  }

  async info(path: string): Promise<PhotoInfo | null> {
    const rows = await this.select<PhotoInfoRow>(
      `SELECT ${PHOTO_INFO_COLUMNS} FROM ${this.table} FINAL WHERE path = {path:String}`,
      { path: this.machines.toKey(path) },
    );
    return rows[0] ? ((await this.machines.photoInfos([toPhotoInfo(rows[0])]))[0] ?? null) : null;
  }

  async vectorOf(path: string, model: string): Promise<number[] | null> {
    const rows = await this.select<{ vector: number[] }>(
      `SELECT vector FROM ${this.table} FINAL WHERE path = {path:String} AND model = {model:String}`,
      { path: this.machines.toKey(path), model },
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
      { prefix: this.prefixes([folder])[0] },
    );
    return Number(rows[0]?.n ?? 0);
  }

  async pathsUnder(folder: string): Promise<string[]> {
    const rows = await this.select<{ path: string }>(
      `SELECT path FROM ${this.table} FINAL WHERE startsWith(path, {prefix:String})`,
      { prefix: this.prefixes([folder])[0] },
    );
    return rows.map((r) => this.machines.toPath(r.path));
  }

  /** What the index recorded about one file: enough to tell whether the path still names that file. */
  async indexedFile(path: string): Promise<IndexedFile | null> {
    const rows = await this.select<{ hash: string; size: string; mtime_ms: string; folder: string }>(
      `SELECT hash, size, mtime_ms, folder FROM ${this.table} FINAL WHERE path = {path:String}`,
      { path: this.machines.toKey(path) },
    );
    const row = rows[0];
    return row
      ? {
          hash: row.hash,
          size: Number(row.size),
          mtimeMs: Number(row.mtime_ms),
          folder: this.machines.toPath(row.folder),
        }
      : null;
  }

  /** The index's record of each of these paths that it holds (the others are not in the library). */
  async storedFiles(paths: string[]): Promise<StoredFile[]> {
    const rows = await this.select<{ path: string; size: string; mtime_ms: string; hash: string }>(
      `SELECT path, size, mtime_ms, hash FROM ${this.table} FINAL WHERE path IN {paths:Array(String)}`,
      { paths: this.keys(paths) },
    );
    return rows.map((r) => ({
      path: this.machines.toPath(r.path),
      size: Number(r.size),
      mtimeMs: Number(r.mtime_ms),
      hash: r.hash,
    }));
  }

  /** Every live path holding each of these contents. */
  async pathsByHash(hashes: string[]): Promise<Map<string, string[]>> {
    const rows = await this.select<{ path: string; hash: string }>(
      `SELECT path, hash FROM ${this.table} FINAL WHERE hash IN {hashes:Array(String)}`,
      { hashes },
    );
    const byHash = new Map<string, string[]>();
    for (const { path, hash } of rows)
      byHash.set(hash, [...(byHash.get(hash) ?? []), this.machines.toPath(path)]);
    return byHash;
  }

  async hashesOf(paths: string[]): Promise<Map<string, string>> {
    const rows = await this.select<{ path: string; hash: string }>(
      `SELECT path, hash FROM ${this.table} FINAL WHERE path IN {paths:Array(String)}`,
      { paths: this.keys(paths) },
    );
    return new Map(rows.map((r) => [this.machines.toPath(r.path), r.hash]));
  }

  /** `nearest`, its photos named as this computer names them (another computer's with its name). */
  async nearestPhotos(model: string, vector: Float32Array, limit: number, maxDistance: number | undefined) {
    const found = await this.nearest(model, vector, limit, maxDistance);
    const photos = await this.machines.photoInfos(found.map((result) => result.photo));
    return found.map((result, index) => ({ ...result, path: photos[index]!.path, photo: photos[index]! }));
  }

  /**
   * Nearest photos to a unit vector, by L2 distance, among photos embedded by `model`. A model with cells
   * (a library past brute force, see electron/engine/cells/) is searched through them: the query's nearest
   * cells by key, Float32 distances. Otherwise (or when the cells cannot answer) scanNearest.
   */
  async nearest(model: string, vector: Float32Array, limit: number, maxDistance: number | undefined) {
    const throughCells = await this.cellSearch.nearest(model, vector, limit, maxDistance, {
      liveAndRecent: (hashes, version, count) =>
        this.liveAndRecent(model, vector, hashes, version, count, maxDistance),
    });
    if (throughCells)
      return throughCells.map((r) => ({ path: r.path, distance: r.distance, photo: toPhotoInfo(r.row) }));
    return this.scanNearest(model, vector, limit, maxDistance);
  }

  /**
   * For a search through cells, in one query: the live search rows holding these contents (their paths
   * by the by_hash projection, then their live versions by key, keeping those still holding the content),
   * and the nearest `count` search rows written after `version`, which are not in a cell yet (a scan of
   * the version column; rarely any row, once pairing has given every photo its cell). Those recent rows were
   * read without FINAL, so they are checked live afterwards, a second round trip only when there are any.
   */
  private async liveAndRecent(
    model: string,
    vector: Float32Array,
    hashes: string[],
    version: string,
    count: number,
    maxDistance: number | undefined,
  ): Promise<{ live: PhotoInfoRow[]; recent: { path: string; distance: number; row: PhotoInfoRow }[] }> {
    this.vectorType ??= searchVectorType(this.db);
    const type = await this.vectorType;
    // The version comes back as row_version: an alias named version would shadow the column in PREWHERE.
    const rows = await this.select<PhotoInfoRow & { row_version: string; distance: number; recent: number }>(
      `SELECT ${PHOTO_INFO_COLUMNS}, toString(version) AS row_version, toFloat64(0) AS distance, 0 AS recent
       FROM ${this.searchTable} FINAL
       WHERE path IN (SELECT path FROM ${this.searchTable} WHERE hash IN {hashes:Array(String)})
         AND model = {model:String}
       UNION ALL
       SELECT * FROM (
         SELECT ${PHOTO_INFO_COLUMNS}, toString(version) AS row_version,
                toFloat64(L2Distance(vector, {vector:Array(${type})})) AS distance, 1 AS recent
         FROM ${this.searchTable}
         PREWHERE version > {after:UInt64} AND model = {model:String} AND length(vector) = {dims:UInt32}
         WHERE distance <= {maxDistance:Float64}
         ORDER BY distance ASC, path ASC LIMIT {count:UInt32})`,
      {
        hashes,
        model,
        vector: Array.from(vector),
        dims: vector.length,
        after: version,
        maxDistance: maxDistance ?? 1e9,
        count,
      },
    );
    const wanted = new Set(hashes);
    const live = rows.filter((row) => Number(row.recent) === 0 && wanted.has(row.hash));
    const candidates = rows.filter((row) => Number(row.recent) === 1);
    const current = await this.liveSearchRows(
      candidates.map((c) => c.path),
      model,
    );
    const recent = candidates
      .filter((c) => current.get(c.path)?.version === String(c.row_version))
      .map((c) => ({ path: c.path, distance: Number(c.distance), row: current.get(c.path)! }));
    return { live, recent };
  }

  /**
   * nearest() by a scan of every search row (a library without cells), in two steps: a scan of path and
   * vector without FINAL (which cost a third of the query at 1M rows) for the best rows plus a margin,
   * then the live version of those few paths, by key, with their details; a candidate that is not the
   * live row (an older version, or a removed photo, not merged away yet) is dropped, and if that leaves too
   * few, the query runs again under FINAL. With BFloat16 both sides are rounded alike (a photo is at
   * distance 0 from itself) and distances are off by at most about 0.004, enough to rank look-alikes.
   * (PREWHERE: tombstones, with no vector, must be gone before L2Distance sees them.)
   */
  private async scanNearest(
    model: string,
    vector: Float32Array,
    limit: number,
    maxDistance: number | undefined,
  ) {
    this.vectorType ??= searchVectorType(this.db);
    const type = await this.vectorType;
    const params = {
      model,
      vector: Array.from(vector),
      dims: vector.length,
      maxDistance: maxDistance ?? 1e9,
    };
    const scan = (final: string, count: number) =>
      this.select<{ path: string; version: string; distance: number }>(
        `SELECT path, toString(version) AS version, L2Distance(vector, {vector:Array(${type})}) AS distance
         FROM ${this.searchTable} ${final}
         PREWHERE model = {model:String} AND length(vector) = {dims:UInt32}
         WHERE distance <= {maxDistance:Float64}
         ORDER BY distance ASC, path ASC LIMIT {count:UInt32}`,
        { ...params, count },
      );
    const margin = limit + 32;
    let candidates = await scan('', margin);
    let live = await this.liveSearchRows(
      candidates.map((c) => c.path),
      model,
    );
    let kept = candidates.filter((c) => live.get(c.path)?.version === String(c.version));
    if (kept.length < limit && candidates.length === margin) {
      candidates = await scan('FINAL', limit);
      live = await this.liveSearchRows(
        candidates.map((c) => c.path),
        model,
      );
      kept = candidates.filter((c) => live.has(c.path));
    }
    const seen = new Set<string>();
    return kept
      .filter((c) => !seen.has(c.path) && seen.add(c.path))
      .slice(0, limit)
      .map((c) => ({ path: c.path, distance: Number(c.distance), photo: toPhotoInfo(live.get(c.path)!) }));
  }

  private async liveSearchRows(paths: string[], model: string) {
    if (paths.length === 0) return new Map<string, PhotoInfoRow & { version: string }>();
    const rows = await this.select<PhotoInfoRow & { version: string }>(
      `SELECT ${PHOTO_INFO_COLUMNS}, toString(version) AS version FROM ${this.searchTable} FINAL
       WHERE path IN {paths:Array(String)} AND model = {model:String}`,
      { paths, model },
    );
    return new Map(rows.map((row) => [row.path, row]));
  }

  private vectorType: Promise<'BFloat16' | 'Float32'> | undefined;

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
