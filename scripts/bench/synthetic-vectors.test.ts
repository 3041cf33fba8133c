import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairKey } from '../../shared/duplicates/policy';
import { openDatabase, type Database } from '../../electron/engine/store/database';
import { migrate } from '../../electron/engine/store/schema';
import { exactPairsOf } from './exact-reference';
import { insertSyntheticVectors, type VectorShape } from './synthetic-vectors';

const DIMS = 512;
const ROWS = 1_600;
let dir: string;
let db: Database;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doppel-bench-vectors-'));
  db = await openDatabase({ kind: 'embedded', path: join(dir, 'clickhouse') });
  await migrate(db);
});

afterAll(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

async function generate(shape: VectorShape, steps: [number, number][]): Promise<void> {
  await db.client.command({ query: `TRUNCATE TABLE ${db.name}.photos` });
  for (const [start, count] of steps) await insertSyntheticVectors(db, shape, start, count, DIMS, shape);
}

async function rows<T extends unknown[]>(query: string, params: Record<string, unknown> = {}): Promise<T> {
  const result = await db.client.query({ query, query_params: params, format: 'JSONEachRow' });
  return (await result.json()) as T;
}

/** Row n of the generator is the photo with mtime 1600000000000 + n. */
const ROW = 'toUInt64(mtime_ms - 1600000000000)';

/** Every pair of generated photos within `distance`, with the rows they came from. */
function pairsWithin(distance: number) {
  return rows<{ a: string; b: string; row_a: string; row_b: string }[]>(
    `SELECT x.hash AS a, y.hash AS b, x.row AS row_a, y.row AS row_b
     FROM (SELECT hash, vector, ${ROW} AS row FROM ${db.name}.photos FINAL) AS x
     CROSS JOIN (SELECT hash, vector, ${ROW} AS row FROM ${db.name}.photos FINAL) AS y
     WHERE x.row < y.row AND L2Distance(x.vector, y.vector) <= {distance:Float64}`,
    { distance },
  );
}

describe.each(['clip-like', 'isotropic'] as const)('generated %s vectors', (shape) => {
  it('are unit vectors whose only pairs within 0.5 are the planted bursts and duplicates of one block', async () => {
    await generate(shape, [[0, ROWS]]);
    const [{ n, shortest, longest }] = await rows<[{ n: string; shortest: number; longest: number }]>(
      `SELECT count() AS n, min(L2Norm(vector)) AS shortest, max(L2Norm(vector)) AS longest
       FROM ${db.name}.photos FINAL WHERE length(vector) = ${DIMS}`,
    );
    expect(Number(n)).toBe(ROWS);
    expect(shortest).toBeGreaterThan(0.999);
    expect(longest).toBeLessThan(1.001);
    const pairs = await pairsWithin(0.5);
    // About 0.3 pairs per photo: 40% of blocks hold a burst of 2-5, every fifth a planted duplicate.
    expect(pairs.length).toBeGreaterThan(ROWS / 10);
    for (const pair of pairs)
      expect(Math.floor(Number(pair.row_a) / 8)).toBe(Math.floor(Number(pair.row_b) / 8));
  });
});

describe('clip-like vectors', () => {
  it('sit at the cosine similarity unrelated CLIP photos show (about 0.4-0.6), isotropic ones near 0', async () => {
    const medianCosine = async () => {
      const [{ cosine }] = await rows<[{ cosine: number }]>(
        `SELECT median(1 - pow(L2Distance(x.vector, y.vector), 2) / 2) AS cosine
         FROM (SELECT vector FROM ${db.name}.photos FINAL WHERE ${ROW} % 7 = 0) AS x
         CROSS JOIN (SELECT vector FROM ${db.name}.photos FINAL WHERE ${ROW} % 11 = 3) AS y`,
      );
      return cosine;
    };
    await generate('clip-like', [[0, ROWS]]);
    const clipLike = await medianCosine();
    expect(clipLike).toBeGreaterThan(0.35);
    expect(clipLike).toBeLessThan(0.6);
    await generate('isotropic', [[0, ROWS]]);
    expect(Math.abs(await medianCosine())).toBeLessThan(0.05);
  });

  it('are the same vectors whether a library is generated at once or grown in steps', async () => {
    const vectors = async () =>
      rows<{ hash: string; vector: number[] }[]>(
        `SELECT hash, vector FROM ${db.name}.photos FINAL ORDER BY mtime_ms`,
      );
    await generate('clip-like', [[0, 1_000]]);
    const atOnce = await vectors();
    await generate('clip-like', [
      [0, 333],
      [333, 667],
    ]);
    const grown = await vectors();
    expect(atOnce).toHaveLength(1_000);
    expect(grown.map((row) => row.hash)).toEqual(atOnce.map((row) => row.hash));
    // Counted, not compared with toEqual: a diff of 1,000 x 512 numbers would take minutes to print.
    const differing = grown.filter((row, i) => row.vector.some((x, k) => x !== atOnce[i]!.vector[k]));
    expect(differing).toHaveLength(0);
  });
});

describe('exactPairsOf', () => {
  it('finds the same pairs as an all-pairs cross join, for seeds spanning several scans', async () => {
    await generate('clip-like', [[0, ROWS]]);
    const all = await pairsWithin(0.5);
    const seeds = (
      await rows<{ hash: string }[]>(`SELECT hash FROM ${db.name}.photos FINAL WHERE ${ROW} % 4 = 0`)
    ).map((r) => r.hash);
    expect(seeds.length).toBeGreaterThan(64);
    const seedSet = new Set(seeds);
    const expected = new Set(
      all.filter((p) => seedSet.has(p.a) || seedSet.has(p.b)).map((p) => pairKey(p.a, p.b)),
    );
    expect(expected.size).toBeGreaterThan(20);
    expect(await exactPairsOf(db, 'clip-like', seeds, 0.5)).toEqual(expected);
  });
});
