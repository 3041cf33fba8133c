import { pairKey } from '../../shared/duplicates/policy';
import type { Database } from '../../electron/engine/store/database';

/**
 * The exact answers the vector benchmarks check the engine against, in plain SQL over the float32 vectors
 * of `photos FINAL` (never through the engine's own search, so a bug there cannot hide in its reference).
 */

/** Seeds per scan: each is one more constant-vector L2Distance per row, so one scan serves many photos. */
const SEEDS_PER_SCAN = 32;

/**
 * Every stored hash within maxDistance of one of `hashes`, as pair keys: a full scan per 32 seeds with the
 * seeds' vectors as constants. A CROSS JOIN gives the same pairs but copies both 2 KB vectors for each of
 * the N x seeds row pairs, about 10x slower (200 s for 500 seeds at 1M).
 */
export async function exactPairsOf(
  db: Database,
  model: string,
  hashes: string[],
  maxDistance: number,
): Promise<Set<string>> {
  const seeds = await vectorsByHash(db, model, hashes);
  const pairs = new Set<string>();
  for (let from = 0; from < seeds.length; from += SEEDS_PER_SCAN) {
    const group = seeds.slice(from, from + SEEDS_PER_SCAN);
    const params: Record<string, unknown> = { model, maxDistance };
    const near = group.map((seed, i) => {
      params[`v${i}`] = seed.vector;
      params[`h${i}`] = seed.hash;
      return `if(L2Distance(vector, {v${i}:Array(Float32)}) <= {maxDistance:Float64}, {h${i}:String}, '')`;
    });
    const result = await db.client.query({
      query: `SELECT hash, arrayFilter(seed -> seed != '' AND seed != hash, [${near.join(', ')}]) AS near
              FROM ${db.name}.photos FINAL WHERE model = {model:String} AND notEmpty(near)`,
      query_params: params,
      format: 'JSONEachRow',
    });
    for (const row of (await result.json()) as { hash: string; near: string[] }[])
      for (const seed of row.near) pairs.add(pairKey(seed, row.hash));
  }
  return pairs;
}

async function vectorsByHash(db: Database, model: string, hashes: string[]) {
  const result = await db.client.query({
    query: `SELECT hash, any(vector) AS vector FROM ${db.name}.photos FINAL
            WHERE model = {model:String} AND hash IN {hashes:Array(String)} GROUP BY hash ORDER BY hash`,
    query_params: { model, hashes },
    format: 'JSONEachRow',
  });
  return (await result.json()) as { hash: string; vector: number[] }[];
}

/** The exact float32 top `limit` of one query vector, nearest first (ties by path). */
export async function exactNearest(
  db: Database,
  model: string,
  vector: Float32Array,
  limit: number,
): Promise<{ path: string; d: number }[]> {
  const result = await db.client.query({
    query: `SELECT path, L2Distance(vector, {v:Array(Float32)}) AS d FROM ${db.name}.photos FINAL
            WHERE model = {model:String} ORDER BY d, path LIMIT {limit:UInt32}`,
    query_params: { v: Array.from(vector), model, limit },
    format: 'JSONEachRow',
  });
  return ((await result.json()) as { path: string; d: number }[]).map((r) => ({ ...r, d: Number(r.d) }));
}

/** The pairs the engine stored that touch one of `hashes`. */
export async function storedPairsOf(db: Database, model: string, hashes: string[]): Promise<Set<string>> {
  const result = await db.client.query({
    query: `SELECT DISTINCT a, b FROM ${db.name}.pairs WHERE model = {model:String}
            AND (a IN {hashes:Array(String)} OR b IN {hashes:Array(String)})`,
    query_params: { model, hashes },
    format: 'JSONEachRow',
  });
  return new Set(((await result.json()) as { a: string; b: string }[]).map((r) => pairKey(r.a, r.b)));
}

/** Recall of the stored pair graph on `sample` against exact brute force, and what it stored beyond it. */
export async function pairRecall(db: Database, model: string, sample: string[], maxDistance: number) {
  const started = performance.now();
  const reference = await exactPairsOf(db, model, sample, maxDistance);
  const referenceMs = performance.now() - started;
  const stored = await storedPairsOf(db, model, sample);
  let found = 0;
  for (const key of reference) if (stored.has(key)) found++;
  const extra = [...stored].filter((key) => !reference.has(key)).length;
  return {
    recall: reference.size === 0 ? 1 : found / reference.size,
    referencePairs: reference.size,
    extra,
    referenceMs,
  };
}

/** `count` hashes of rows from `fromRow` on (the generator's row n has mtime 1600000000000 + n), seeded. */
export async function sampleHashes(
  db: Database,
  model: string,
  count: number,
  seed: number,
  fromRow = 0,
): Promise<string[]> {
  const result = await db.client.query({
    query: `SELECT hash FROM ${db.name}.photos FINAL WHERE model = {model:String} AND mtime_ms >= {from:Int64}
            ORDER BY cityHash64(hash, {seed:UInt32}) LIMIT {count:UInt32}`,
    query_params: { model, seed, count, from: 1_600_000_000_000 + fromRow },
    format: 'JSONEachRow',
  });
  return ((await result.json()) as { hash: string }[]).map((r) => r.hash);
}

export async function samplePaths(db: Database, model: string, count: number, seed: number) {
  const result = await db.client.query({
    query: `SELECT path FROM ${db.name}.photos FINAL WHERE model = {model:String}
            ORDER BY cityHash64(path, {seed:UInt32}) LIMIT {count:UInt32}`,
    query_params: { model, seed, count },
    format: 'JSONEachRow',
  });
  return ((await result.json()) as { path: string }[]).map((r) => r.path);
}

export async function pairCount(db: Database, model: string): Promise<number> {
  const result = await db.client.query({
    query: `SELECT count() AS n FROM (SELECT DISTINCT a, b FROM ${db.name}.pairs WHERE model = {model:String})`,
    query_params: { model },
    format: 'JSONEachRow',
  });
  return Number(((await result.json()) as [{ n: string }])[0].n);
}
