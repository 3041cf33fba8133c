import { machineScope, type Database } from './database';
import { fromPhotoRow, PHOTO_RECORD_COLUMNS, type PhotoRecord, type StoredPhotoRow } from './photo-rows';
import { withTrailingSeparator } from './photo-store';

/**
 * A row is "looked at" once its photo has been decoded: it holds the perceptual coarse vector. The
 * catalogue stage writes rows without one (a content hash, size and date only) so byte-identical copies are
 * listed before any decode; the look stage replaces them.
 */
const LOOKED = 'length(pixel_vector) > 0';

/** A catalogued row still waiting for its look (a run killed or cancelled before it came to it). */
export interface PendingLook {
  path: string;
  folder: string;
  size: number;
  mtimeMs: number;
  hash: string;
}

/**
 * What the stages have stored for this computer's photos (the work it does; in an index shared with other
 * computers each does its own): the status reads it, so it is right after a restart too.
 */
export interface StageCounts {
  /** Live rows: every catalogued file. */
  photos: number;
  /** Rows whose photo has been decoded (fingerprint stored). */
  looked: number;
  /** Looked rows whose content's same-picture pairs are computed. */
  pixelPaired: number;
  /** Rows holding the model's vector (0 without a model). */
  embedded: number;
  /** Rows with the model's vector whose similar pairs are computed. */
  modelPaired: number;
}

/**
 * The queries of the staged pipeline: what each stage still has to do, and how far each has come. The look
 * and the embedding read files, so they only ever get this computer's own rows (machine-scope.ts).
 */
export class StageStore {
  constructor(private readonly db: Database) {}

  private get table(): string {
    return `${this.db.name}.photos`;
  }

  async counts(model: string | null): Promise<StageCounts> {
    const paired = `${this.db.name}.paired`;
    const rows = await this.select<Record<keyof StageCounts, string>>(
      `SELECT count() AS photos, countIf(${LOOKED}) AS looked,
              countIf(${LOOKED} AND hash IN (SELECT hash FROM ${paired} WHERE kind = 'pixels')) AS pixelPaired,
              countIf(model = {model:String}) AS embedded,
              countIf(model = {model:String}
                      AND hash IN (SELECT hash FROM ${paired} WHERE kind = {model:String})) AS modelPaired
       FROM ${this.table} FINAL WHERE ${machineScope(this.db).ownRowsCondition()}`,
      // No model: '' matches rows without a vector, so the counts of a model are asked with a real id only.
      { model: model ?? '\u0000none' },
    );
    const row = rows[0];
    return {
      photos: Number(row?.photos ?? 0),
      looked: Number(row?.looked ?? 0),
      pixelPaired: Number(row?.pixelPaired ?? 0),
      embedded: Number(row?.embedded ?? 0),
      modelPaired: Number(row?.modelPaired ?? 0),
    };
  }

  /** Every size a live row has: a new file of another size cannot be a copy of anything stored. */
  async storedSizes(): Promise<Set<number>> {
    const rows = await this.select<{ size: string }>(`SELECT DISTINCT size FROM ${this.table} FINAL`);
    return new Set(rows.map((row) => Number(row.size)));
  }

  /** Catalogued rows not looked at yet, by path after `after`, optionally under some folders. */
  async pendingLooks(under: string[] | null, after: string, limit: number): Promise<PendingLook[]> {
    const rows = await this.select<{
      path: string;
      folder: string;
      size: string;
      mtime_ms: string;
      hash: string;
    }>(
      `SELECT path, folder, size, mtime_ms, hash FROM ${this.table} FINAL
       WHERE NOT ${LOOKED} AND path > {after:String} ${this.underClause(under)}
       ORDER BY path LIMIT {limit:UInt32}`,
      { after: this.afterKey(after), limit, under: this.prefixes(under) },
    );
    const scope = machineScope(this.db);
    return rows.map((r) => ({
      path: scope.toPath(r.path),
      folder: scope.toPath(r.folder),
      size: Number(r.size),
      mtimeMs: Number(r.mtime_ms),
      hash: scope.hashAsRead(r.hash, r.path),
    }));
  }

  /** How many looked rows lack `model`'s vector (under some folders, or in the whole library). */
  async countLacking(model: string, under: string[] | null): Promise<number> {
    const rows = await this.select<{ n: string }>(
      `SELECT count() AS n FROM ${this.table} FINAL
       WHERE ${LOOKED} AND model != {model:String} ${this.underClause(under)}`,
      { model, under: this.prefixes(under) },
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Looked rows lacking `model`'s vector, by path after `after`: what the embed stage reads next. */
  async lacking(model: string, under: string[] | null, after: string, limit: number): Promise<PhotoRecord[]> {
    const rows = await this.select<StoredPhotoRow>(
      `SELECT ${PHOTO_RECORD_COLUMNS} FROM ${this.table} FINAL
       WHERE ${LOOKED} AND model != {model:String} AND path > {after:String} ${this.underClause(under)}
       ORDER BY path LIMIT {limit:UInt32}`,
      { model, after: this.afterKey(after), limit, under: this.prefixes(under) },
    );
    const scope = machineScope(this.db);
    return rows.map((row) => {
      const record = fromPhotoRow(row);
      return { ...record, path: scope.toPath(record.path), folder: scope.toPath(record.folder) };
    });
  }

  /** `model`'s vector of each of these contents that some row already holds (a copy embedded before). */
  async vectorsByHash(model: string, hashes: string[]): Promise<Map<string, number[]>> {
    if (hashes.length === 0) return new Map();
    const rows = await this.select<{ hash: string; vector: number[] }>(
      `SELECT hash, any(vector) AS vector FROM ${this.table} FINAL
       WHERE model = {model:String} AND hash IN {hashes:Array(String)} GROUP BY hash`,
      { model, hashes },
    );
    return new Map(rows.map((row) => [row.hash, row.vector]));
  }

  /** Some folders of this computer's, or all of its own rows: never another computer's files. */
  private underClause(under: string[] | null): string {
    return under === null
      ? `AND ${machineScope(this.db).ownRowsCondition()}`
      : 'AND arrayExists(f -> startsWith(path, f), {under:Array(String)})';
  }

  private prefixes(under: string[] | null): string[] {
    const scope = machineScope(this.db);
    return (under ?? []).map((folder) => scope.toKey(withTrailingSeparator(folder)));
  }

  /** Pages go by key (the last path of a page, as a key; '' is before every key). */
  private afterKey(after: string): string {
    return after === '' ? '' : machineScope(this.db).toKey(after);
  }

  private async select<T>(query: string, query_params?: Record<string, unknown>): Promise<T[]> {
    const result = await this.db.client.query({ query, query_params, format: 'JSONEachRow' });
    return (await result.json()) as T[];
  }
}
