import type { Database } from './database';

/**
 * Ordered, append-only migrations. Never edit a shipped one: add the next. `{db}` is the validated
 * database name. Design notes:
 * - photos: one live row per path (ReplacingMergeTree by version; is_deleted tombstones for vanished
 *   files), read with FINAL. Each insert is one atomic block, so a killed indexer leaves whole rows only.
 * - pairs / pixel_pairs are keyed by content hash, not path: a moved or renamed file keeps its pairs and
 *   its "not duplicates" marks, and identical copies share one vector's worth of pairs.
 * - paired records which hashes already had their pairs computed, so pairing resumes after a crash.
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
      await db.client.command({ query: statement.replaceAll('{db}', db.name) });
    }
    await db.client.insert({
      table: `${db.name}.schema_migrations`,
      values: [{ version }],
      format: 'JSONEachRow',
    });
  }
  return SCHEMA_VERSION;
}
