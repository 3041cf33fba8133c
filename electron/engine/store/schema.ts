import type { Database } from './database';
import { WITHOUT_KEY_RANGES_FROM_SUBQUERIES } from './whole-library-sets';

/** The photo details search shows, copied into search_vectors so a query never reads the wide photos rows. */
const SEARCH_INFO_COLUMNS = 'hash, size, mtime_ms, width, height, format, taken_at';

/**
 * Brings search_vectors in line with photos: copies every live photo whose current version is missing
 * there (an existing library when migration 2 runs, a library written by other means like the benchmark's
 * generated vectors), and tombstones search rows whose photo is gone (a removal killed between the two
 * tables, or an insert killed between them for a file that then vanished). Run on every open.
 */
export const SYNC_SEARCH_VECTORS: readonly string[] = [
  `INSERT INTO {db}.search_vectors (path, model, vector, ${SEARCH_INFO_COLUMNS}, version)
    SELECT path, model, CAST(vector, 'Array({searchVectorType})'), ${SEARCH_INFO_COLUMNS}, version
    FROM {db}.photos FINAL
    WHERE (path, version) NOT IN (SELECT path, version FROM {db}.search_vectors FINAL)
    ${WITHOUT_KEY_RANGES_FROM_SUBQUERIES}`,
  `INSERT INTO {db}.search_vectors (path, version, is_deleted)
    SELECT path, version, 1 FROM {db}.search_vectors FINAL
    WHERE path NOT IN (SELECT path FROM {db}.photos FINAL)
    ${WITHOUT_KEY_RANGES_FROM_SUBQUERIES}`,
];

/**
 * Ordered, append-only migrations. Never edit a shipped one: add the next. `{db}` is the validated
 * database name. Design notes:
 * - photos: one live row per path (ReplacingMergeTree by version; is_deleted tombstones for vanished
 *   files), read with FINAL. Each insert is one atomic block, so a killed indexer leaves whole rows only.
 * - pairs / pixel_pairs are keyed by content hash, not path: a moved or renamed file keeps its pairs and
 *   its "not duplicates" marks, and identical copies share one vector's worth of pairs.
 * - paired records which hashes already had their pairs computed, so pairing resumes after a crash.
 * - search_vectors (2): what query by photo reads, apart from the wide photos rows: each photo's vector in
 *   BFloat16 (half the bytes of photos.vector) and the details search shows. Same key, version and
 *   tombstones as photos, written in the same batches; the query scans path and vector without FINAL, then
 *   reads the live rows of the few best paths by key (128-row granules keep that read short).
 *   SYNC_SEARCH_VECTORS on every open repairs a write or removal killed between the two tables.
 *   `{searchVectorType}` is BFloat16, or Float32 on a ClickHouse without BFloat16 (see searchVectorType).
 * - photos.phash is no longer written or read (new rows hold 0): nothing ever used the 64-bit DCT hash.
 *   The column stays rather than being dropped by a migration, so a library stays readable by the Doppel
 *   before this one (a schema it does not know would make it refuse the library) and a server needs no
 *   ALTER of a large table.
 */
export const MIGRATIONS: readonly string[][] = [
  [
    `CREATE TABLE IF NOT EXISTS {db}.photos (
      path String,
      folder String,
      size UInt64,
      mtime_ms Int64,
      hash String,
      width UInt32,
      height UInt32,
      format LowCardinality(String),
      taken_at Nullable(DateTime64(3)),
      phash UInt64,
      signature Array(UInt8),
      pixel_vector Array(Float32),
      model LowCardinality(String),
      vector Array(Float32) CODEC(NONE),
      version UInt64,
      is_deleted UInt8 DEFAULT 0
    ) ENGINE = ReplacingMergeTree(version, is_deleted) ORDER BY path`,
    `CREATE TABLE IF NOT EXISTS {db}.folders (
      path String,
      version UInt64,
      is_deleted UInt8 DEFAULT 0
    ) ENGINE = ReplacingMergeTree(version, is_deleted) ORDER BY path`,
    `CREATE TABLE IF NOT EXISTS {db}.pairs (
      model LowCardinality(String),
      a String,
      b String,
      distance Float32
    ) ENGINE = ReplacingMergeTree ORDER BY (model, a, b)`,
    `CREATE TABLE IF NOT EXISTS {db}.pixel_pairs (
      a String,
      b String,
      correlation Float32
    ) ENGINE = ReplacingMergeTree ORDER BY (a, b)`,
    `CREATE TABLE IF NOT EXISTS {db}.paired (
      kind LowCardinality(String),
      hash String
    ) ENGINE = ReplacingMergeTree ORDER BY (kind, hash)`,
    `CREATE TABLE IF NOT EXISTS {db}.dismissed (
      a String,
      b String
    ) ENGINE = ReplacingMergeTree ORDER BY (a, b)`,
  ],
  [
    `CREATE TABLE IF NOT EXISTS {db}.search_vectors (
      path String,
      model LowCardinality(String),
      vector Array({searchVectorType}) CODEC(NONE),
      hash String,
      size UInt64,
      mtime_ms Int64,
      width UInt32,
      height UInt32,
      format LowCardinality(String),
      taken_at Nullable(DateTime64(3)),
      version UInt64,
      is_deleted UInt8 DEFAULT 0
    ) ENGINE = ReplacingMergeTree(version, is_deleted) ORDER BY path SETTINGS index_granularity = 128`,
  ],
  // Protected (reference) folders: a flag on the library folder's row, so it lives and goes with the folder.
  [`ALTER TABLE {db}.folders ADD COLUMN IF NOT EXISTS protected UInt8 DEFAULT 0`],
  [
    // The strictest same-picture level that takes the pair (1 strict, 2 normal, 3 loose; see
    // shared/duplicates/same-picture-levels.ts). 0: verified before levels existed, read as the default.
    `ALTER TABLE {db}.pixel_pairs ADD COLUMN IF NOT EXISTS level UInt8 DEFAULT 0`,
  ],
  [
    // The computers sharing this index (see machine-store.ts). Whose a photo or folder row is lives in its
    // key (machine-scope.ts), not in a column: photos, search_vectors and folders are ORDER BY path, a sort
    // key no migration can change in place, and a column beside it would let two computers' equal paths
    // replace each other's rows. The first computer registered keeps plain paths, so no row is rewritten.
    `CREATE TABLE IF NOT EXISTS {db}.machines (
      id String,
      name String,
      first_seen DateTime64(6),
      version UInt64
    ) ENGINE = ReplacingMergeTree(version) ORDER BY id`,
  ],
  // Cells (a coarse quantizer) for libraries too big for brute force: see electron/engine/cells/. A
  // generation is one training: its centroids, each hash's cell, and a cell-ordered Float32 copy of the
  // vectors (so a query or a pair increment reads only a few cells by key). Partitioned by generation, so a
  // retired one drops in one statement. cell_generations says which generation is complete (readers use the
  // newest complete one) and up to which search_vectors version it holds every photo. (The bloom filter on
  // search_vectors.hash was replaced by a projection, below.)
  [
    `CREATE TABLE IF NOT EXISTS {db}.cell_generations (
      model LowCardinality(String),
      generation UInt64,
      cells UInt32,
      trained_on UInt64,
      assigned_version UInt64,
      complete UInt8,
      version UInt64,
      is_deleted UInt8 DEFAULT 0
    ) ENGINE = ReplacingMergeTree(version, is_deleted) ORDER BY (model, generation)`,
    `CREATE TABLE IF NOT EXISTS {db}.vector_cells (
      model LowCardinality(String),
      generation UInt64,
      cell UInt32,
      centroid Array(Float32) CODEC(NONE)
    ) ENGINE = ReplacingMergeTree PARTITION BY generation ORDER BY (model, generation, cell)`,
    `CREATE TABLE IF NOT EXISTS {db}.cell_assignments (
      model LowCardinality(String),
      generation UInt64,
      hash String,
      cell UInt32
    ) ENGINE = ReplacingMergeTree PARTITION BY generation ORDER BY (model, generation, hash)`,
    `CREATE TABLE IF NOT EXISTS {db}.cell_vectors (
      model LowCardinality(String),
      generation UInt64,
      cell UInt32,
      hash String,
      vector Array(Float32) CODEC(NONE)
    ) ENGINE = ReplacingMergeTree PARTITION BY generation ORDER BY (model, generation, cell, hash)
      SETTINGS index_granularity = 256`,
    `ALTER TABLE {db}.search_vectors ADD INDEX IF NOT EXISTS hash_lookup hash TYPE bloom_filter GRANULARITY 1`,
    `ALTER TABLE {db}.search_vectors MATERIALIZE INDEX hash_lookup`,
  ],
  // A search through cells turns each result's content hash into its live paths. The bloom filter above
  // did so by reading every granule's filter (linear in the library: 20-40 ms at 100k); a projection
  // ordered by hash is a key lookup whatever the size. 'rebuild': a merge that drops replaced rows redoes
  // the projection (ClickHouse 24.8 and later; a ReplacingMergeTree refuses projections otherwise).
  [
    `ALTER TABLE {db}.search_vectors MODIFY SETTING deduplicate_merge_projection_mode = 'rebuild'`,
    `ALTER TABLE {db}.search_vectors ADD PROJECTION IF NOT EXISTS by_hash (SELECT hash, path ORDER BY hash)`,
    `ALTER TABLE {db}.search_vectors MATERIALIZE PROJECTION by_hash`,
    `ALTER TABLE {db}.search_vectors DROP INDEX IF EXISTS hash_lookup`,
  ],
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export async function migrate(db: Database): Promise<number> {
  await db.client.command({
    query: `CREATE TABLE IF NOT EXISTS ${db.name}.schema_migrations (version UInt32) ENGINE = ReplacingMergeTree ORDER BY version`,
  });
  const result = await db.client.query({
    query: `SELECT max(version) AS version FROM ${db.name}.schema_migrations`,
    format: 'JSONEachRow',
  });
  const [{ version: current }] = (await result.json()) as [{ version: number }];
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `this library was written by a newer Doppel (schema ${current}, this one knows ${SCHEMA_VERSION}): update Doppel`,
    );
  }
  for (let version = current + 1; version <= SCHEMA_VERSION; version++) {
    for (const statement of MIGRATIONS[version - 1]!) {
      await db.client.command({ query: await fillIn(db, statement) });
    }
    await db.client.insert({
      table: `${db.name}.schema_migrations`,
      values: [{ version }],
      format: 'JSONEachRow',
    });
  }
  for (const statement of SYNC_SEARCH_VECTORS) await runSchemaStatement(db, statement);
  return SCHEMA_VERSION;
}

/** Runs a schema statement with its placeholders filled in (the backfill, for one). */
export async function runSchemaStatement(db: Database, statement: string): Promise<void> {
  await db.client.command({ query: await fillIn(db, statement) });
}

async function fillIn(db: Database, statement: string): Promise<string> {
  const withDb = statement.replaceAll('{db}', db.name);
  if (!withDb.includes('{searchVectorType}')) return withDb;
  return withDb.replaceAll('{searchVectorType}', await searchVectorType(db));
}

/**
 * BFloat16 where this ClickHouse has it (chdb 26.x; servers where the type is enabled by default), else
 * Float32: the same table and SQL, only without the halved scan.
 */
export async function searchVectorType(db: Database): Promise<'BFloat16' | 'Float32'> {
  try {
    const probe = await db.client.query({
      query: `SELECT CAST([1.5], 'Array(BFloat16)') AS probe`,
      format: 'JSONEachRow',
    });
    await probe.json();
    return 'BFloat16';
  } catch {
    return 'Float32';
  }
}
