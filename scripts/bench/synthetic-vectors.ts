import type { Database } from '../../electron/engine/store/database';
import { runSchemaStatement, SYNC_SEARCH_VECTORS } from '../../electron/engine/store/schema';

/**
 * Library-shaped unit vectors written straight into the photos table by ClickHouse itself (one million
 * 512-d rows through JSON would take minutes). Rows come in blocks of 8: slot 0 and, in 40% of blocks, slots
 * 1..4 form a burst around a centre drawn from a hash of the block (so every row of the burst, and any row
 * added later to it, shares it) with a burst-specific spread (pair distances about 0.07 to 0.55); every
 * fifth block plants a near-duplicate of slot 0 in slot 7 (distance about 0.03); every other row is an
 * independent random direction. So the pair graph has bursts, planted duplicates and no accidental pairs,
 * and exact brute force tells what any method should find. The engine's own sync (run on open) then copies them
 * into search_vectors, as the store's insert would have.
 */
export async function insertSyntheticVectors(
  db: Database,
  model: string,
  start: number,
  count: number,
  dims: number,
): Promise<void> {
  const chunk = 100_000;
  for (let from = start; from < start + count; from += chunk) {
    const rows = Math.min(chunk, start + count - from);
    await db.client.command({
      query: `INSERT INTO ${db.name}.photos (path, folder, size, mtime_ms, hash, width, height, format, model, vector, version)
        SELECT concat('/library/', toString(intDiv(n, 1000)), '/IMG_', toString(n), '.jpg'), '/library',
               2000000 + n % 5000000, 1600000000000 + n, lower(hex(SHA256(toString(n)))), 4000, 3000, 'jpeg',
               {model:String}, arrayMap(x -> toFloat32(x / sqrt(arraySum(y -> y * y, raw))), raw), 1
        FROM (
          SELECT number AS n, intDiv(n, 8) AS block, n % 8 AS slot,
                 cityHash64(block, 1) % 10 AS kind,
                 if(kind < 6, 1, kind - 4) AS burst,
                 slot = 7 AND block % 5 = 0 AS planted,
                 slot < burst OR planted AS clustered,
                 if(planted, 0.02, 0.05 + 0.35 * (cityHash64(block, 2) % 1000) / 1000) AS spread,
                 arrayMap(k -> if(clustered,
                     sqrt(-2 * log((cityHash64(block, k, 3) % 16777216 + 0.5) / 16777216))
                       * cos(2 * pi() * (cityHash64(block, k, 4) % 16777216 + 0.5) / 16777216)
                       + spread * randNormal(0, 1, k + n),
                     randNormal(0, 1, k + n)), range({dims:UInt32})) AS raw
          FROM numbers({from:UInt64}, {rows:UInt64}))`,
      query_params: { model, from, rows, dims },
    });
  }
  for (const statement of SYNC_SEARCH_VECTORS) await runSchemaStatement(db, statement);
}
