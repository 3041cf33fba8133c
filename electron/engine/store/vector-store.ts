import type { VectorTable } from '../pairs/vector-pair-search';
import type { Database } from './database';
import { inBatches } from './hash-batches';
import { RowBinaryVectorParser, type CelledVectorTable } from './row-binary-vectors';

/**
 * All vectors of one model, one per content hash, read as RowBinary: the raw float bytes stream out of
 * ClickHouse (embedded or over HTTP, same SQL) and are copied straight into one Float32Array, about 10x
 * faster than JSON (100k x 512 floats: about 2 s instead of 20 s). Deduplicating by hash happens here,
 * not in SQL: GROUP BY hash over the vector column costs ClickHouse far more than skipping repeats.
 */
export function readModelVectors(db: Database, model: string): Promise<VectorTable> {
  return readVectorColumn(db, 'vector', 'model = {model:String} AND length(vector) > 0', { model });
}

/**
 * The vectors of `model` of these contents, one per hash (a hash with none is left out). Any row of a
 * content holds its vector, replaced or not, so this reads without FINAL, and PREWHERE skips the vectors of
 * granules without one of the hashes.
 */
export async function readModelVectorsOf(
  db: Database,
  model: string,
  hashes: string[],
): Promise<VectorTable> {
  if (hashes.length === 0) return { hashes: [], vectors: new Float32Array(0), dims: 0 };
  return inBatches(hashes, (part) => {
    const filter = `PREWHERE hash IN {hashes:Array(String)} WHERE model = {model:String} AND length(vector) > 0`;
    return readVectorRows(
      db,
      `SELECT count() AS n FROM ${db.name}.photos ${filter}`,
      `SELECT hash, vector FROM ${db.name}.photos ${filter}`,
      { model, hashes: part },
    );
  });
}

/** The perceptual coarse vectors (model-free), one per content hash. */
export function readPixelVectors(db: Database): Promise<VectorTable> {
  return readVectorColumn(db, 'pixel_vector', 'length(pixel_vector) > 0', {});
}

/**
 * (hash, vector) rows of any query, as RowBinary into one Float32Array, one row per hash: `count` is a
 * query for how many rows at most (the array's capacity), `select` the rows themselves.
 */
export async function readVectorRows(
  db: Database,
  count: string,
  select: string,
  query_params: Record<string, unknown>,
): Promise<VectorTable> {
  return (await parseVectorRows(db, count, select, query_params, false)).finish();
}

/** readVectorRows for (hash, vector, cell) rows: each row's cell comes back beside its vector. */
export async function readCelledVectorRows(
  db: Database,
  count: string,
  select: string,
  query_params: Record<string, unknown>,
): Promise<CelledVectorTable> {
  return (await parseVectorRows(db, count, select, query_params, true)).finishWithCells();
}

async function parseVectorRows(
  db: Database,
  count: string,
  select: string,
  query_params: Record<string, unknown>,
  withCells: boolean,
): Promise<RowBinaryVectorParser> {
  const counted = await db.client.query({ query: count, query_params, format: 'JSONEachRow' });
  const [{ n }] = (await counted.json()) as [{ n: string }];
  const result = await db.client.exec({ query: `${select} FORMAT RowBinary`, query_params });
  const parser = new RowBinaryVectorParser(Number(n), withCells);
  for await (const chunk of result.stream) parser.push(chunk as Buffer);
  return parser;
}

async function readVectorColumn(
  db: Database,
  column: 'vector' | 'pixel_vector',
  condition: string,
  query_params: Record<string, unknown>,
): Promise<VectorTable> {
  return readVectorRows(
    db,
    `SELECT count() AS n FROM ${db.name}.photos FINAL WHERE ${condition}`,
    `SELECT hash, ${column} FROM ${db.name}.photos FINAL WHERE ${condition}`,
    query_params,
  );
}
