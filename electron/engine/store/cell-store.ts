import type { VectorPair, VectorTable } from '../pairs/vector-pair-search';
import type { Database } from './database';
import { nextVersion } from './photo-rows';
import type { CelledVectorTable } from './row-binary-vectors';
import { HASHES_PER_STATEMENT, inBatches } from './hash-batches';
import { PART_OF_HASHES, readCelledVectorRows, readVectorRows } from './vector-store';

/** One training of a model's cells (see electron/engine/cells/). */
export interface CellGeneration {
  model: string;
  generation: string;
  cells: number;
  /** Distinct hashes of the model when it was trained: a tenfold growth retrains. */
  trainedOn: number;
  /** Every search_vectors row up to this version has its hash in the generation's cells. */
  assignedVersion: string;
  complete: boolean;
}

/** A new hash's vector with the cells that may hold a partner within the pair distance. */
export interface ProbedVector {
  hash: string;
  vector: Float32Array;
  cells: Int32Array;
}

/** Rows per JSONEachRow insert of assignments: a few MB each. */
const ASSIGNMENT_BATCH = 100_000;

/** The cells tables: generations, centroids, each hash's cell and the cell-ordered copy of the vectors. */
export class CellStore {
  constructor(private readonly db: Database) {}

  private t(name: string): string {
    return `${this.db.name}.${name}`;
  }

  async generations(model: string): Promise<CellGeneration[]> {
    const rows = await this.select<{
      generation: string;
      cells: number;
      trained_on: string;
      assigned_version: string;
      complete: number;
    }>(
      `SELECT toString(generation) AS generation, cells, toString(trained_on) AS trained_on,
              toString(assigned_version) AS assigned_version, complete
       FROM ${this.t('cell_generations')} FINAL WHERE model = {model:String} ORDER BY generation`,
      { model },
    );
    return rows.map((r) => ({
      model,
      generation: r.generation,
      cells: Number(r.cells),
      trainedOn: Number(r.trained_on),
      assignedVersion: r.assigned_version,
      complete: Boolean(Number(r.complete)),
    }));
  }

  /** The newest complete generation, the one readers use. */
  async current(model: string): Promise<CellGeneration | null> {
    return (await this.generations(model)).filter((g) => g.complete).at(-1) ?? null;
  }

  /**
   * current(), remembered per open database until this process writes a generation or a reader finds it
   * gone (nearestInCells says so): a query by photo then spends no round trip on it. A generation another
   * computer completes is seen after `forgetCurrent`, or when the old one is dropped.
   */
  async rememberedCurrent(model: string): Promise<CellGeneration | null> {
    const current = await cachedPerDatabase(this.db, `current\n${model}`, () => this.current(model));
    // None yet is not remembered: another computer sharing the index may train the first one.
    if (!current) this.forgetCurrent(model);
    return current;
  }

  /** Forget the remembered generation of `model` (it was dropped, or a newer one was written). */
  forgetCurrent(model: string): void {
    forgetCached(this.db, `current\n${model}`);
  }

  /** A generation id unique across models (it names the generation's partitions). */
  newGenerationId(): string {
    return String(nextVersion());
  }

  async writeGeneration(generation: CellGeneration): Promise<void> {
    this.forgetCurrent(generation.model);
    await this.db.client.insert({
      table: this.t('cell_generations'),
      values: [
        {
          model: generation.model,
          generation: generation.generation,
          cells: generation.cells,
          trained_on: generation.trainedOn,
          assigned_version: generation.assignedVersion,
          complete: generation.complete ? 1 : 0,
          version: nextVersion(),
        },
      ],
      format: 'JSONEachRow',
    });
  }

  async writeCentroids(model: string, generation: string, centroids: Float32Array, dims: number) {
    const values = [];
    for (let cell = 0; cell < centroids.length / dims; cell++)
      values.push({
        model,
        generation,
        cell,
        centroid: Array.from(centroids.subarray(cell * dims, (cell + 1) * dims)),
      });
    await this.db.client.insert({ table: this.t('vector_cells'), values, format: 'JSONEachRow' });
  }

  /**
   * A generation's centroids, read once per store (they never change): an increment then reads only its
   * new vectors and pairs, not sqrt(N) centroids each time.
   */
  centroids(model: string, generation: string): Promise<{ centroids: Float32Array; dims: number }> {
    return cachedPerDatabase(this.db, `${model}\n${generation}`, () => this.readCentroids(model, generation));
  }

  /** What a generation's derived data (its geometry) is cached under, as long as this database is open. */
  get cacheScope(): object {
    return this.db;
  }

  private async readCentroids(model: string, generation: string) {
    const rows = await this.select<{ cell: number; centroid: number[] }>(
      `SELECT cell, any(centroid) AS centroid FROM ${this.t('vector_cells')}
       WHERE model = {model:String} AND generation = {generation:UInt64} GROUP BY cell ORDER BY cell`,
      { model, generation },
    );
    const dims = rows[0]?.centroid.length ?? 0;
    const centroids = new Float32Array(rows.length * dims);
    rows.forEach((row, cell) => centroids.set(row.centroid, cell * dims));
    return { centroids, dims };
  }

  /**
   * About how many distinct content hashes have a vector of `model` (HyperLogLog, and no FINAL: photos
   * removed but not merged away yet still count). Only the threshold and the tenfold rule read it.
   */
  async hashCount(model: string): Promise<number> {
    const rows = await this.select<{ n: string }>(
      `SELECT uniq(hash) AS n FROM ${this.t('photos')}
       WHERE model = {model:String} AND length(vector) > 0`,
      { model },
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** The newest search_vectors version of `model` (rows above a generation's mark are searched directly). */
  async newestSearchVersion(model: string): Promise<string> {
    const rows = await this.select<{ v: string }>(
      `SELECT toString(max(version)) AS v FROM ${this.t('search_vectors')} WHERE model = {model:String}`,
      { model },
    );
    return rows[0]?.v ?? '0';
  }

  /** A sample of the model's vectors for training: about `wanted` rows, picked by hash. */
  sampleVectors(model: string, wanted: number, total: number): Promise<VectorTable> {
    const params = { model, modulus: 1_000_000, keep: Math.ceil((1_000_000 * wanted) / Math.max(1, total)) };
    const where = `model = {model:String} AND length(vector) > 0
                   AND cityHash64(hash) % {modulus:UInt64} < {keep:UInt64}`;
    return readVectorRows(
      this.db,
      `SELECT count() AS n FROM ${this.t('photos')} FINAL WHERE ${where}`,
      `SELECT hash, vector FROM ${this.t('photos')} FINAL WHERE ${where} AND ${PART_OF_HASHES}`,
      params,
    );
  }

  /**
   * The model's vectors whose hash has no cell in `generation` yet; only among `among` when given (the
   * hashes a pairing step is about to pair), so an increment reads the new vectors, not the library's.
   */
  unassignedVectors(model: string, generation: string, among?: string[]): Promise<VectorTable> {
    if (among && among.length > HASHES_PER_STATEMENT)
      return inBatches(among, (part) => this.unassignedVectors(model, generation, part));
    // No FINAL: a hash's vector never changes for a model, so any row holding it will do (even one of a
    // path since removed: its content still has a vector, and the pairs it is in are filtered by live hash).
    const where = this.unassigned(among);
    return readVectorRows(
      this.db,
      `SELECT count() AS n FROM ${this.t('photos')} WHERE ${where}`,
      `SELECT hash, vector FROM ${this.t('photos')} WHERE ${where} AND ${PART_OF_HASHES} LIMIT 1 BY hash`,
      { model, generation, among: among ?? [] },
    );
  }

  private unassigned(among: string[] | undefined): string {
    // With `among`, the subquery is narrowed to it too: the set of every assigned hash (1M at 1M photos)
    // took 6 s to build for an increment of 1k (measured), the set of those among the 1k takes 90 ms.
    const listed = among ? 'AND hash IN {among:Array(String)}' : '';
    return `model = {model:String} AND length(vector) > 0 ${listed}
      AND hash NOT IN (SELECT hash FROM ${this.t('cell_vectors')}
                       WHERE model = {model:String} AND generation = {generation:UInt64} ${listed})`;
  }

  /**
   * Gives these hashes their cells: the (hash, cell) rows go in, then ClickHouse copies the vectors into
   * cell_vectors itself (the vectors never travel back from the client). Assigned means in cell_vectors: a
   * kill between the two steps leaves the hashes unassigned, and the next run assigns them again.
   */
  async assign(
    model: string,
    generation: string,
    hashes: string[],
    cells: Int32Array,
    among?: string[],
  ): Promise<void> {
    for (let i = 0; i < hashes.length; i += ASSIGNMENT_BATCH) {
      const values = hashes
        .slice(i, i + ASSIGNMENT_BATCH)
        .map((hash, j) => ({ model, generation, hash, cell: cells[i + j]! }));
      await this.db.client.insert({ table: this.t('cell_assignments'), values, format: 'JSONEachRow' });
    }
    if (hashes.length === 0) return;
    if (among && among.length > HASHES_PER_STATEMENT) {
      for (let i = 0; i < among.length; i += HASHES_PER_STATEMENT)
        await this.copyAssignedVectors(model, generation, among.slice(i, i + HASHES_PER_STATEMENT));
      return;
    }
    await this.copyAssignedVectors(model, generation, among);
  }

  /** ClickHouse copies the vectors of the hashes assigned but not in cell_vectors yet (`among` only). */
  private async copyAssignedVectors(model: string, generation: string, among: string[] | undefined) {
    await this.db.client.command({
      query: `INSERT INTO ${this.t('cell_vectors')} (model, generation, cell, hash, vector)
        SELECT {model:String}, {generation:UInt64}, a.cell, p.hash, p.vector
        FROM (SELECT hash, vector FROM ${this.t('photos')} WHERE ${this.unassigned(among)}
              LIMIT 1 BY hash) AS p
        INNER JOIN (SELECT hash, any(cell) AS cell FROM ${this.t('cell_assignments')}
                    WHERE model = {model:String} AND generation = {generation:UInt64}
                      ${among ? 'AND hash IN {among:Array(String)}' : ''} GROUP BY hash) AS a
        ON a.hash = p.hash`,
      query_params: { model, generation, among: among ?? [] },
    });
  }

  /**
   * Drops a generation: its rows go with their partitions, then its record with a tombstone (in this order,
   * so a kill in between leaves a record the next upkeep drops again, never partitions no record names).
   * A reader elsewhere that picked the generation just before may find its cells empty for that moment.
   */
  async drop(generation: CellGeneration): Promise<void> {
    this.forgetCurrent(generation.model);
    for (const table of ['cell_vectors', 'cell_assignments', 'vector_cells'])
      await this.db.client.command({
        query: `ALTER TABLE ${this.t(table)} DROP PARTITION ID {id:String}`,
        query_params: { id: generation.generation },
      });
    await this.db.client.insert({
      table: this.t('cell_generations'),
      values: [
        {
          model: generation.model,
          generation: generation.generation,
          version: nextVersion(),
          is_deleted: 1,
        },
      ],
      format: 'JSONEachRow',
    });
    this.forgetCurrent(generation.model);
  }

  /**
   * The `count` nearest hashes in `cells` within `maxDistance` (Float32 distances, one row per hash), or
   * null when `generation` is no longer a complete one (another computer retrained and dropped it): that
   * is asked in the same query, so a search costs no round trip to learn its generation still stands.
   */
  async nearestInCells(
    generation: CellGeneration,
    cells: number[],
    vector: Float32Array,
    maxDistance: number,
    count: number,
  ): Promise<{ hash: string; distance: number }[] | null> {
    const rows = await this.select<{ hash: string; distance: number; standing: number }>(
      `SELECT hash, distance, 0 AS standing FROM (
         SELECT hash, L2Distance(vector, {vector:Array(Float32)}) AS distance FROM ${this.t('cell_vectors')}
         WHERE model = {model:String} AND generation = {generation:UInt64} AND cell IN {cells:Array(UInt32)}
           AND length(vector) = {dims:UInt32} AND distance <= {maxDistance:Float64}
         ORDER BY distance ASC, hash ASC LIMIT 1 BY hash LIMIT {count:UInt32})
       UNION ALL
       SELECT '' AS hash, toFloat32(0) AS distance, 1 AS standing FROM ${this.t('cell_generations')} FINAL
       WHERE model = {model:String} AND generation = {generation:UInt64} AND complete = 1`,
      {
        model: generation.model,
        generation: generation.generation,
        cells: cells.length > 0 ? cells : [0],
        vector: Array.from(vector),
        dims: vector.length,
        maxDistance: cells.length > 0 ? maxDistance : -1,
        count,
      },
    );
    if (!rows.some((r) => Number(r.standing) === 1)) return null;
    return rows
      .filter((r) => Number(r.standing) === 0)
      .map((r) => ({ hash: r.hash, distance: Number(r.distance) }))
      .sort((x, y) => x.distance - y.distance || (x.hash < y.hash ? -1 : 1));
  }

  /** Whether ClickHouse is a server (its bytes cross a network) rather than embedded. */
  get onServer(): boolean {
    return this.db.kind === 'server';
  }

  /** Every vector in these cells with its cell, read by key (so nobody recomputes a member's cell). */
  vectorsInCells(generation: CellGeneration, cells: number[]): Promise<CelledVectorTable> {
    const where = `model = {model:String} AND generation = {generation:UInt64} AND cell IN {cells:Array(UInt32)}`;
    return readCelledVectorRows(
      this.db,
      `SELECT count() AS n FROM ${this.t('cell_vectors')} WHERE ${where}`,
      `SELECT hash, vector, cell FROM ${this.t('cell_vectors')} WHERE ${where} AND ${PART_OF_HASHES}`,
      { model: generation.model, generation: generation.generation, cells },
    );
  }

  /** The cell vectors of these hashes (the hashes that have none are not assigned yet). */
  vectorsOf(generation: CellGeneration, hashes: string[]): Promise<VectorTable> {
    if (hashes.length > HASHES_PER_STATEMENT)
      return inBatches(hashes, (part) => this.vectorsOf(generation, part));
    const where = `model = {model:String} AND generation = {generation:UInt64} AND hash IN {hashes:Array(String)}`;
    return readVectorRows(
      this.db,
      `SELECT count() AS n FROM ${this.t('cell_vectors')} WHERE ${where}`,
      `SELECT hash, vector FROM ${this.t('cell_vectors')} WHERE ${where} AND ${PART_OF_HASHES}`,
      { model: generation.model, generation: generation.generation, hashes },
    );
  }

  /**
   * Every pair within `maxDistance` of a probed vector, computed in ClickHouse: the probes are a small
   * right-hand side (one row per probe cell) joined on cell against cell_vectors, read by key for only those
   * cells. Only the pairs come back, so the bytes are proportional to the new photos, not the library.
   */
  async pairsOf(
    generation: CellGeneration,
    probed: ProbedVector[],
    maxDistance: number,
  ): Promise<VectorPair[]> {
    if (probed.length === 0) return [];
    const cells = [...new Set(probed.flatMap((p) => Array.from(p.cells)))];
    const rows = await this.select<{ a: string; b: string; distance: number }>(
      `SELECT n.hash AS a, v.hash AS b, L2Distance(n.vector, v.vector) AS distance
       FROM (SELECT cell, hash, vector FROM ${this.t('cell_vectors')}
             WHERE model = {model:String} AND generation = {generation:UInt64} AND cell IN {cells:Array(UInt32)}) AS v
       INNER JOIN (SELECT probe.1 AS hash, probe.2 AS vector, arrayJoin(probe.3) AS cell
                   FROM (SELECT arrayJoin(arrayZip({hashes:Array(String)}, {vectors:Array(Array(Float32))},
                                                   {probeCells:Array(Array(UInt32))})) AS probe)) AS n
       ON v.cell = n.cell
       WHERE v.hash != n.hash AND distance <= {maxDistance:Float64}`,
      {
        model: generation.model,
        generation: generation.generation,
        cells,
        maxDistance,
        hashes: probed.map((p) => p.hash),
        vectors: probed.map((p) => Array.from(p.vector)),
        probeCells: probed.map((p) => Array.from(p.cells)),
      },
    );
    const found = new Map<string, VectorPair>();
    for (const row of rows) {
      const [a, b] = row.a < row.b ? [row.a, row.b] : [row.b, row.a];
      found.set(`${a}\n${b}`, { a, b, distance: Number(row.distance) });
    }
    return [...found.values()];
  }

  private async select<T>(query: string, query_params?: Record<string, unknown>): Promise<T[]> {
    const result = await this.db.client.query({ query, query_params, format: 'JSONEachRow' });
    return (await result.json()) as T[];
  }
}

const caches = new WeakMap<object, Map<string, Promise<unknown>>>();

/** Forget one value cachedPerDatabase holds. */
export function forgetCached(scope: object, key: string): void {
  caches.get(scope)?.delete(key);
}

/**
 * A value per open database and key, computed once (a generation's centroids and geometry never change):
 * stores are made per request (a search makes its own PhotoStore), the database lives as long as the engine.
 * A failed computation is forgotten, so the next call tries again. A few generations at most are kept.
 */
export function cachedPerDatabase<T>(scope: object, key: string, compute: () => Promise<T>): Promise<T> {
  let cache = caches.get(scope);
  if (!cache) caches.set(scope, (cache = new Map()));
  let value = cache.get(key) as Promise<T> | undefined;
  if (!value) {
    value = compute();
    const forget = cache;
    value.catch(() => forget.delete(key));
    if (cache.size >= 8) cache.clear();
    cache.set(key, value);
  }
  return value;
}
