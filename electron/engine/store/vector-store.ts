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
      `SELECT hash, vector FROM ${db.name}.photos ${filter} AND ${PART_OF_HASHES}`,
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
 * query for how many rows at most (the array's capacity: a count of rows, never an estimate like uniq,
 * which can fall short and would leave rows out), `select` the rows themselves, filtered by
 * PART_OF_HASHES so that it can be read in parts of ROWS_PER_STATEMENT.
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

/**
 * Rows one vector statement hands back, at most. Embedded chdb returns a whole result as one Buffer, which
 * Node caps at 4 GiB: at 3M photos, reading every vector at once (6 GB) crashed the engine's process with
 * ERR_BUFFER_TOO_LARGE, thrown where nothing can catch it. 250k rows of 512 floats are 0.5 GB (2 GB at
 * 2,000 floats a vector), and a smaller result is also a smaller second copy while chdb hands it over.
 */
export const ROWS_PER_STATEMENT = 250_000;

/**
 * The filter every vector read carries, so a large read goes in parts: statement `part` of `parts` reads
 * the hashes that hash to it (a content's rows all fall in one part, so one row per hash still holds).
 */
export const PART_OF_HASHES = 'cityHash64(hash) % {parts:UInt64} = {part:UInt64}';

async function parseVectorRows(
  db: Database,
  count: string,
  select: string,
  query_params: Record<string, unknown>,
  withCells: boolean,
): Promise<RowBinaryVectorParser> {
  if (!select.includes(PART_OF_HASHES)) throw new Error('a vector read must filter by PART_OF_HASHES');
  const counted = await db.client.query({ query: count, query_params, format: 'JSONEachRow' });
  const [{ n }] = (await counted.json()) as [{ n: string }];
  const parser = new RowBinaryVectorParser(Number(n), withCells);
  const parts = Math.max(1, Math.ceil(Number(n) / ROWS_PER_STATEMENT));
  for (let part = 0; part < parts; part++) {
    const result = await db.client.exec({
      query: `${select} FORMAT RowBinary`,
      query_params: { ...query_params, parts, part },
    });
    for await (const chunk of result.stream) parser.push(chunk as Buffer);
  }
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
    `SELECT hash, ${column} FROM ${db.name}.photos FINAL WHERE ${condition} AND ${PART_OF_HASHES}`,
    query_params,
  );
}
