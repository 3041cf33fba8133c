import type { SamePictureLevel } from '../../../shared/contract/entities';
import type { VectorPair, VectorTable } from '../pairs/vector-pair-search';
import { CellStore } from './cell-store';
import type { Database } from './database';
import { l2Distance } from '../model/vector-math';
import { readModelVectors, readModelVectorsOf, readPixelVectors } from './vector-store';
import { WITHOUT_KEY_RANGES_FROM_SUBQUERIES } from './whole-library-sets';

/** Pairing kind for the model-free perceptual graph (the rest are model ids). */
export const PIXEL_PAIRING = 'pixels';

/** pixel_pairs.level: 0 is a pair verified before levels existed (read as no level: the default's). */
const LEVEL_CODES: Readonly<Record<SamePictureLevel, number>> = { strict: 1, normal: 2, loose: 3 };
const LEVEL_OF_CODE = new Map(
  Object.entries(LEVEL_CODES).map(([level, code]) => [code, level as SamePictureLevel]),
);

/** A verified same-picture pair: the check's correlation and the strictest level that takes it. */
export interface PixelPair {
  a: string;
  b: string;
  correlation: number;
  level: SamePictureLevel;
}

/**
 * The pair graphs: for each content hash, every other hash within a distance, computed once when the hash
 * first appears (new against all), so any threshold up to the maximum regroups without the model.
 */
export class PairStore {
  /** The similar graph's cells, for libraries past brute force (electron/engine/cells/). */
  readonly cells: CellStore;

  constructor(private readonly db: Database) {
    this.cells = new CellStore(db);
  }

  private t(name: string): string {
    return `${this.db.name}.${name}`;
  }

  /** Hashes with a vector for `kind` whose pairs are not computed yet. */
  async unpairedHashes(kind: string): Promise<string[]> {
    const vectorFilter = kind === PIXEL_PAIRING ? 'length(pixel_vector) > 0' : 'model = {kind:String}';
    const rows = await this.select<{ hash: string }>(
      `SELECT DISTINCT hash FROM ${this.t('photos')} FINAL
       WHERE ${vectorFilter}
         AND hash NOT IN (SELECT hash FROM ${this.t('paired')} WHERE kind = {kind:String})`,
      { kind },
    );
    return rows.map((r) => r.hash);
  }

  async markPaired(kind: string, hashes: string[]): Promise<void> {
    if (hashes.length === 0) return;
    await this.db.client.insert({
      table: this.t('paired'),
      values: hashes.map((hash) => ({ kind, hash })),
      format: 'JSONEachRow',
    });
  }

  /** Every vector of `model`, one per content hash, for the blocked pair search. */
  modelVectors(model: string): Promise<VectorTable> {
    return readModelVectors(this.db, model);
  }

  /** Every perceptual coarse vector, one per content hash, for the blocked candidate search. */
  pixelVectors(): Promise<VectorTable> {
    return readPixelVectors(this.db);
  }

  /** Perceptual signatures of `hashes`, to verify same-picture candidates. */
  async signaturesOf(hashes: string[]): Promise<Map<string, Uint8Array>> {
    const found = new Map<string, Uint8Array>();
    for (let i = 0; i < hashes.length; i += 10_000) {
      const rows = await this.select<{ hash: string; sig: number[] }>(
        `SELECT hash, any(signature) AS sig FROM ${this.t('photos')} FINAL
         WHERE hash IN {hashes:Array(String)} AND length(signature) > 0 GROUP BY hash`,
        { hashes: hashes.slice(i, i + 10_000) },
      );
      for (const row of rows) found.set(row.hash, Uint8Array.from(row.sig));
    }
    return found;
  }

  async insertPairs(model: string, pairs: VectorPair[]): Promise<void> {
    for (let i = 0; i < pairs.length; i += 100_000) {
      await this.db.client.insert({
        table: this.t('pairs'),
        values: pairs.slice(i, i + 100_000).map((pair) => ({ model, ...pair })),
        format: 'JSONEachRow',
      });
    }
  }

  async insertPixelPairs(pairs: PixelPair[]): Promise<void> {
    if (pairs.length === 0) return;
    const values = pairs.map((p) => ({
      a: p.a < p.b ? p.a : p.b,
      b: p.a < p.b ? p.b : p.a,
      correlation: p.correlation,
      level: LEVEL_CODES[p.level],
    }));
    await this.db.client.insert({ table: this.t('pixel_pairs'), values, format: 'JSONEachRow' });
  }

  async embeddingPairs(model: string): Promise<{ a: string; b: string; distance: number }[]> {
    return this.select(
      `SELECT a, b, min(distance) AS distance FROM ${this.t('pairs')} WHERE model = {model:String}
       AND a IN (SELECT hash FROM ${this.t('photos')} FINAL) AND b IN (SELECT hash FROM ${this.t('photos')} FINAL)
       GROUP BY a, b ORDER BY distance ${WITHOUT_KEY_RANGES_FROM_SUBQUERIES}`,
      { model },
    );
  }

  /**
   * Same-picture pairs, with their embedding distance under `model` when both sides have a vector and the
   * strictest level that takes them (none for a pair verified before levels). A pair stored twice (a kill
   * redid its chunk) has one verdict; a known level wins over none. A pair the similar graph holds too
   * (most same pictures are look-alikes as well) has that graph's distance; only the rest have their
   * vectors read, by hash. Joining every photo's vector to the pairs, twice, took 150 s and 3.4 GB at 1M
   * photos, even with no same-picture pair at all. (The live filter sits inside the grouping: outside the
   * join, ClickHouse took 17 s instead of 1.3 s over 100k pairs.)
   */
  async pixelPairs(
    model: string,
  ): Promise<{ a: string; b: string; distance: number | null; level: SamePictureLevel | null }[]> {
    const rows = await this.select<{
      a: string;
      b: string;
      level: number;
      similar: number;
      distance: number;
    }>(
      `SELECT p.a AS a, p.b AS b, p.level AS level, e.similar AS similar, e.distance AS distance
       FROM (SELECT a, b, if(max(level) = 0, 0, minIf(level, level > 0)) AS level
             FROM ${this.t('pixel_pairs')}
             WHERE a IN (SELECT hash FROM ${this.t('photos')} FINAL) AND b IN (SELECT hash FROM ${this.t('photos')} FINAL)
             GROUP BY a, b) AS p
       LEFT JOIN (SELECT a, b, min(distance) AS distance, toUInt8(1) AS similar FROM ${this.t('pairs')}
                  WHERE model = {model:String} GROUP BY a, b) AS e ON e.a = p.a AND e.b = p.b
       ${WITHOUT_KEY_RANGES_FROM_SUBQUERIES}`,
      { model },
    );
    const unmeasured = rows.filter((r) => Number(r.similar) !== 1);
    const vectors = await readModelVectorsOf(this.db, model, [
      ...new Set(unmeasured.flatMap((r) => [r.a, r.b])),
    ]);
    const rowOf = new Map(vectors.hashes.map((hash, row) => [hash, row]));
    const vectorOf = (hash: string) => {
      const row = rowOf.get(hash);
      return row === undefined
        ? null
        : vectors.vectors.subarray(row * vectors.dims, (row + 1) * vectors.dims);
    };
    return rows.map((r) => {
      const level = LEVEL_OF_CODE.get(Number(r.level)) ?? null;
      if (Number(r.similar) === 1) return { a: r.a, b: r.b, distance: Number(r.distance), level };
      const [va, vb] = [vectorOf(r.a), vectorOf(r.b)];
      return { a: r.a, b: r.b, distance: va && vb ? l2Distance(va, vb) : null, level };
    });
  }

  /**
   * For each of `hashes`, the other hashes a stored same-picture pair links it to (any pair, live or not):
   * what the trash guard counts as other copies of the picture, besides identical files.
   */
  async samePicturePartners(hashes: string[]): Promise<Map<string, Set<string>>> {
    const partners = new Map<string, Set<string>>();
    const add = (from: string, to: string) => partners.set(from, (partners.get(from) ?? new Set()).add(to));
    for (let i = 0; i < hashes.length; i += 10_000) {
      const rows = await this.select<{ a: string; b: string }>(
        `SELECT DISTINCT a, b FROM ${this.t('pixel_pairs')}
         WHERE a IN {hashes:Array(String)} OR b IN {hashes:Array(String)}`,
        { hashes: hashes.slice(i, i + 10_000) },
      );
      for (const { a, b } of rows) {
        add(a, b);
        add(b, a);
      }
    }
    return partners;
  }

  async dismiss(hashPairs: [string, string][]): Promise<void> {
    if (hashPairs.length === 0) return;
    const values = hashPairs.map(([x, y]) => (x < y ? { a: x, b: y } : { a: y, b: x }));
    await this.db.client.insert({ table: this.t('dismissed'), values, format: 'JSONEachRow' });
  }

  async dismissed(): Promise<[string, string][]> {
    const rows = await this.select<{ a: string; b: string }>(
      `SELECT DISTINCT a, b FROM ${this.t('dismissed')}`,
    );
    return rows.map((r) => [r.a, r.b]);
  }

  private async select<T>(query: string, query_params?: Record<string, unknown>): Promise<T[]> {
    const result = await this.db.client.query({ query, query_params, format: 'JSONEachRow' });
    return (await result.json()) as T[];
  }
}
