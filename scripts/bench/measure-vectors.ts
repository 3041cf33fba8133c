import { rmSync } from 'node:fs';
import path from 'node:path';
import { groupPrepared, prepareGraph } from '../../shared/duplicates/grouping';
import { pairKey } from '../../shared/duplicates/policy';
import { updatePairGraphs } from '../../electron/engine/indexing/pairing';
import { loadDuplicateGraph } from '../../electron/engine/library/duplicate-graph';
import { openDatabase, type Database } from '../../electron/engine/store/database';
import { PairStore } from '../../electron/engine/store/pair-store';
import { PhotoStore } from '../../electron/engine/store/photo-store';
import { migrate } from '../../electron/engine/store/schema';
import { seededRandom } from '../../electron/engine/testing/seeded-random';
import { CACHE_DIR, type BenchConfig } from './bench-config';
import { syntheticDuplicateGraph } from './synthetic-graph';
import { insertSyntheticVectors } from './synthetic-vectors';

const MODEL = 'bench-vectors';

export type Row = { measurement: string; size: string; value: number; unit: string; note?: string };

async function freshDatabase(name: string): Promise<Database> {
  const dir = path.join(CACHE_DIR, name);
  rmSync(dir, { recursive: true, force: true });
  const db = await openDatabase({ kind: 'embedded', path: dir });
  await migrate(db);
  return db;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function time<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

async function samplePaths(db: Database, count: number, seed: number): Promise<string[]> {
  const result = await db.client.query({
    query: `SELECT path FROM ${db.name}.photos FINAL WHERE model = {model:String}
            ORDER BY cityHash64(path, {seed:UInt32}) LIMIT {count:UInt32}`,
    query_params: { model: MODEL, seed, count },
    format: 'JSONEachRow',
  });
  return ((await result.json()) as { path: string }[]).map((r) => r.path);
}

/**
 * (4) Query by photo: the engine's nearest() (a BFloat16 scan of search_vectors, then the photos' details)
 * with one stored photo's vector, 50 results, against the float32 brute force over photos it replaced.
 */
export async function measureQuery(config: BenchConfig): Promise<Row[]> {
  const db = await freshDatabase('query-db');
  const photos = new PhotoStore(db);
  const rows: Row[] = [];
  let stored = 0;
  for (const size of config.querySizes) {
    const insert = await time(() => insertSyntheticVectors(db, MODEL, stored, size - stored, config.dims));
    stored = size;
    const queries = await samplePaths(db, 12, size);
    const times: number[] = [];
    const exactTimes: number[] = [];
    let overlap = 0;
    let drift = 0;
    for (const queryPath of queries) {
      const vector = Float32Array.from((await photos.vectorOf(queryPath, MODEL))!);
      const { ms, value } = await time(() => photos.nearest(MODEL, vector, 50, undefined));
      if (value[0]?.path !== queryPath)
        throw new Error(`query by photo did not return the photo itself first`);
      times.push(ms);
      const exact = await time(async () => {
        const result = await db.client.query({
          query: `SELECT path, L2Distance(vector, {v:Array(Float32)}) AS d FROM ${db.name}.photos FINAL
                  WHERE model = {model:String} ORDER BY d, path LIMIT 50`,
          query_params: { v: Array.from(vector), model: MODEL },
          format: 'JSONEachRow',
        });
        return (await result.json()) as { path: string; d: number }[];
      });
      exactTimes.push(exact.ms);
      const exactDistance = new Map(exact.value.map((r) => [r.path, Number(r.d)]));
      const found = value.filter((r) => exactDistance.has(r.path));
      overlap += found.length / Math.max(1, exact.value.length);
      drift = Math.max(drift, ...found.map((r) => Math.abs(r.distance - exactDistance.get(r.path)!)));
    }
    rows.push({
      measurement: 'query by photo (top 50, BFloat16 scan of search_vectors)',
      size: `${size.toLocaleString('en')} vectors`,
      value: median(times),
      unit: 'ms',
      note: `median of ${times.length}, first ${times[0]!.toFixed(0)} ms; top-50 overlap with exact ${(overlap / queries.length).toFixed(3)}, distances off by at most ${drift.toFixed(4)}; generating the vectors took ${(insert.ms / 1000).toFixed(1)} s`,
    });
    rows.push({
      measurement: 'before: float32 brute force over photos FINAL',
      size: `${size.toLocaleString('en')} vectors`,
      value: median(exactTimes),
      unit: 'ms',
      note: 'the exact reference, and the engine query until search_vectors',
    });
  }
  await db.close();
  return rows;
}

/**
 * Exact pairs of `hashes` by the old SQL cross join (the reference and the baseline): every stored hash
 * within maxDistance of one of `hashes`.
 */
async function referencePairs(db: Database, hashes: string[], maxDistance: number) {
  const result = await db.client.query({
    query: `SELECT least(n.hash, o.hash) AS a, greatest(n.hash, o.hash) AS b
      FROM (SELECT hash, vector FROM ${db.name}.photos FINAL WHERE model = {model:String} AND hash IN {hashes:Array(String)}) AS n
      CROSS JOIN (SELECT hash, vector FROM ${db.name}.photos FINAL WHERE model = {model:String}) AS o
      WHERE n.hash != o.hash AND L2Distance(n.vector, o.vector) <= {maxDistance:Float64}`,
    query_params: { model: MODEL, hashes, maxDistance },
    format: 'JSONEachRow',
  });
  return new Set(((await result.json()) as { a: string; b: string }[]).map((r) => pairKey(r.a, r.b)));
}

async function storedPairsOf(db: Database, hashes: string[]): Promise<Set<string>> {
  const result = await db.client.query({
    query: `SELECT DISTINCT a, b FROM ${db.name}.pairs WHERE model = {model:String}
            AND (a IN {hashes:Array(String)} OR b IN {hashes:Array(String)})`,
    query_params: { model: MODEL, hashes },
    format: 'JSONEachRow',
  });
  return new Set(((await result.json()) as { a: string; b: string }[]).map((r) => pairKey(r.a, r.b)));
}

async function sampleHashes(db: Database, count: number, seed: number, fromRow = 0): Promise<string[]> {
  const result = await db.client.query({
    query: `SELECT hash FROM ${db.name}.photos FINAL WHERE model = {model:String} AND mtime_ms >= {from:Int64}
            ORDER BY cityHash64(hash, {seed:UInt32}) LIMIT {count:UInt32}`,
    query_params: { model: MODEL, seed, count, from: 1_600_000_000_000 + fromRow },
    format: 'JSONEachRow',
  });
  return ((await result.json()) as { hash: string }[]).map((r) => r.hash);
}

async function recallOf(db: Database, sample: string[], maxDistance: number) {
  const reference = await time(() => referencePairs(db, sample, maxDistance));
  const stored = await storedPairsOf(db, sample);
  let found = 0;
  for (const key of reference.value) if (stored.has(key)) found++;
  const extra = [...stored].filter((key) => !reference.value.has(key)).length;
  return {
    recall: reference.value.size === 0 ? 1 : found / reference.value.size,
    referencePairs: reference.value.size,
    extra,
    referenceMs: reference.ms,
  };
}

async function pairCount(db: Database): Promise<number> {
  const result = await db.client.query({
    query: `SELECT count() AS n FROM (SELECT DISTINCT a, b FROM ${db.name}.pairs WHERE model = {model:String})`,
    query_params: { model: MODEL },
    format: 'JSONEachRow',
  });
  return Number(((await result.json()) as [{ n: string }])[0].n);
}

/** (5) The pair graph: full build per library size, recall against exact SQL, then adding photos. */
export async function measurePairs(config: BenchConfig): Promise<{ rows: Row[]; recall: number[] }> {
  const rows: Row[] = [];
  const recalls: number[] = [];
  const model = { id: MODEL, maxDistance: config.maxDistance };
  for (const size of config.pairSizes) {
    const largest = size === config.pairSizes.at(-1);
    const db = await freshDatabase(largest ? 'pairs-db' : `pairs-${size}-db`);
    const pairs = new PairStore(db);
    await insertSyntheticVectors(db, MODEL, 0, size, config.dims);
    const read = await time(() => pairs.modelVectors(MODEL));
    const build = await time(() => updatePairGraphs(pairs, model));
    const sample = await sampleHashes(db, Math.min(config.recallSample, size), 1);
    const check = await recallOf(db, sample, config.maxDistance);
    recalls.push(check.recall);
    const crossJoinSeconds = (check.referenceMs / 1000) * (size / sample.length);
    rows.push({
      measurement: 'pair graph, all pairs within d_max (int8 MatMulInteger prefilter + exact re-check)',
      size: `${size.toLocaleString('en')} photos`,
      value: build.ms / 1000,
      unit: 's',
      note:
        `${(await pairCount(db)).toLocaleString('en')} pairs; reading the vectors ${(read.ms / 1000).toFixed(1)} s; ` +
        `old SQL cross join, extrapolated from ${sample.length} hashes: ${crossJoinSeconds.toFixed(0)} s`,
    });
    rows.push({
      measurement: 'pair graph recall vs exact brute force (SQL L2Distance)',
      size: `${size.toLocaleString('en')} photos`,
      value: check.recall,
      unit: 'recall',
      note: `${check.referencePairs} reference pairs of ${sample.length} sampled photos; ${check.extra} pairs not in the reference`,
    });
    if (largest) {
      await insertSyntheticVectors(db, MODEL, size, config.addedPhotos, config.dims);
      const add = await time(() => updatePairGraphs(pairs, model));
      const added = await sampleHashes(db, config.addedPhotos, 2, size);
      const addCheck = await recallOf(db, added.slice(0, 200), config.maxDistance);
      recalls.push(addCheck.recall);
      rows.push({
        measurement: 'pair graph: add photos to the library (incremental)',
        size: `+${config.addedPhotos.toLocaleString('en')} to ${size.toLocaleString('en')}`,
        value: add.ms / 1000,
        unit: 's',
        note: `recall ${addCheck.recall.toFixed(4)} on ${Math.min(200, added.length)} added photos`,
      });
    }
    await db.close();
  }
  return { rows, recall: recalls };
}

/** (6) Regrouping at a new threshold: prepare once, then groupPrepared per slider position. */
export async function measureRegroup(config: BenchConfig): Promise<Row[]> {
  const rows: Row[] = [];
  const db = await openDatabase({ kind: 'embedded', path: path.join(CACHE_DIR, 'pairs-db') });
  const pairs = new PairStore(db);
  const load = await time(() =>
    loadDuplicateGraph(db, pairs, { id: MODEL, maxDistance: config.maxDistance, defaultThreshold: 0.25 }),
  );
  await db.close();
  const library = config.pairSizes.at(-1)! + config.addedPhotos;
  const synthetic = syntheticDuplicateGraph(config.regroupPhotos, config.maxDistance);
  for (const [label, graph, note] of [
    [
      `${library.toLocaleString('en')}-photo library`,
      load.value,
      `graph load ${(load.ms / 1000).toFixed(1)} s`,
    ],
    [`${config.regroupPhotos.toLocaleString('en')} photos, all in bursts`, synthetic, 'worst case'],
  ] as const) {
    const prepare = performance.now();
    const prepared = prepareGraph(graph);
    const prepareMs = performance.now() - prepare;
    const random = seededRandom(3);
    const times: number[] = [];
    let groups = 0;
    for (let i = 0; i < 25; i++) {
      const threshold = 0.05 + random() * (config.maxDistance - 0.05);
      const started = performance.now();
      groups = groupPrepared(prepared, threshold).length;
      times.push(performance.now() - started);
    }
    rows.push({
      measurement: 'regroup at a new threshold (groupPrepared)',
      size: label,
      value: median(times),
      unit: 'ms',
      note: `${graph.photos.length.toLocaleString('en')} photos and ${graph.pairs.length.toLocaleString('en')} pairs in the graph, ${groups} groups at the last threshold; median of 25 random thresholds, max ${Math.max(...times).toFixed(0)} ms; ${note}; prepareGraph once ${prepareMs.toFixed(0)} ms`,
    });
  }
  return rows;
}
