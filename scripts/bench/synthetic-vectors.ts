import type { Database } from '../../electron/engine/store/database';
import { runSchemaStatement, SYNC_SEARCH_VECTORS } from '../../electron/engine/store/schema';

/**
 * The two libraries the vector benchmarks generate:
 * - `clip-like`: photos cluster as CLIP embeddings do (a shared direction, then topics, scenes, shots;
 *   see CLIP_LIKE_WEIGHTS), with the bursts and planted near-duplicates below. The realistic case.
 * - `isotropic`: the same bursts and duplicates, every other photo an independent random direction. No
 *   structure for a coarse quantizer to find: the worst case for cells, kept to show it.
 */
export type VectorShape = 'clip-like' | 'isotropic';
export const VECTOR_SHAPES: readonly VectorShape[] = ['clip-like', 'isotropic'];

/**
 * Shares of a clip-like vector's squared length, chosen from what is published about CLIP image embeddings:
 * - common: CLIP's image embeddings fill a narrow cone, not the sphere (Liang et al. 2022, "Mind the Gap:
 *   Understanding the Modality Gap in Multi-modal Contrastive Representation Learning"); two unrelated
 *   photos sit at cosine similarity about 0.4-0.6 (the issue's and our own observation with ViT-B/32).
 *   0.45 puts unrelated photos at cosine 0.45 (L2 1.05).
 * - topic: photos cluster by subject (people, pets, food, a landscape kind); 256 topics with a skewed,
 *   log-uniform popularity (the first topic holds 1/8 of the scenes, as people do in a phone library).
 *   Same topic, other scene: cosine about 0.67 (L2 0.81).
 * - scene: an event or place, 64 photos in a row (a library is imported in time order), its own share
 *   drawn between 0.08 and 0.16: same scene, other shot, cosine 0.75-0.83 (L2 0.58-0.71), so scenes stay
 *   outside the pair threshold (0.5) as unrelated shots of one event do, and every pair is one of the
 *   bursts or planted duplicates below.
 * - shot: the rest, the photo's (or its burst's) own direction.
 * Not modelled: CLIP's anisotropic spectrum (a few dimensions carry most variance) and the continuum of
 * pair distances near the threshold real libraries show; both are noted in BENCHMARKS.md.
 */
export const CLIP_LIKE_WEIGHTS = { common: 0.45, topic: 0.22, sceneFrom: 0.08, sceneTo: 0.16 } as const;
const TOPICS = 256;
const SCENE_PHOTOS = 64;

/**
 * A deterministic, nearly normal number from one 64-bit hash: the sum of its four 16-bit quarters, centred
 * and scaled to unit variance (Irwin-Hall, bounded at 3.5 sigma). Only the first two moments matter for a
 * sum over 512 dimensions, and bit arithmetic costs a fraction of Box-Muller's log and cos.
 */
function gaussian(hash: string): string {
  const h = `(${hash})`;
  const quarters = `bitAnd(${h}, 65535) + bitAnd(bitShiftRight(${h}, 16), 65535) + bitAnd(bitShiftRight(${h}, 32), 65535) + bitShiftRight(${h}, 48)`;
  return `((${quarters} - 131070) * ${Math.sqrt(3) / 65536})`;
}

/**
 * Library-shaped unit vectors written straight into the photos table by ClickHouse itself (one million
 * 512-d rows through JSON would take minutes). Rows come in blocks of 8: slot 0 and, in 40% of blocks, slots
 * 1..4 form a burst around a centre drawn from a hash of the block (so every row of the burst, and any row
 * added later to it, shares it) with a burst-specific spread (pair distances about 0.07 to 0.55); every
 * fifth block plants a near-duplicate of slot 0 in slot 7 (distance about 0.03); every other row has a
 * direction of its own. So the pair graph has bursts, planted duplicates and no accidental pairs, and exact
 * brute force tells what any method should find. Row n is the same vector whenever it is generated (the
 * clip-like shape draws everything from hashes), so a library grown in steps equals one generated at once.
 * The engine's own sync (run on open) then copies them into search_vectors, as the store's insert would have.
 */
export async function insertSyntheticVectors(
  db: Database,
  model: string,
  start: number,
  count: number,
  dims: number,
  shape: VectorShape = 'clip-like',
): Promise<void> {
  const chunk = 100_000;
  for (let from = start; from < start + count; from += chunk) {
    const rows = Math.min(chunk, start + count - from);
    await db.client.command({
      query: `INSERT INTO ${db.name}.photos (path, folder, size, mtime_ms, hash, width, height, format, model, vector, version)
        SELECT concat('/library/', toString(intDiv(n, 1000)), '/IMG_', toString(n), '.jpg'), '/library',
               2000000 + n % 5000000, 1600000000000 + n, lower(hex(SHA256(toString(n)))), 4000, 3000, 'jpeg',
               {model:String}, arrayMap(x -> toFloat32(x / sqrt(arraySum(y -> y * y, raw))), raw), 1
        FROM (${shape === 'clip-like' ? CLIP_LIKE_ROWS : ISOTROPIC_ROWS})`,
      query_params: { model, from, rows, dims },
    });
  }
  for (const statement of SYNC_SEARCH_VECTORS) await runSchemaStatement(db, statement);
}

/** The block layout both shapes share: which rows form a burst or a planted duplicate, and its spread. */
const BLOCK_COLUMNS = `number AS n, intDiv(n, 8) AS block, n % 8 AS slot,
  cityHash64(block, 1) % 10 AS kind,
  if(kind < 6, 1, kind - 4) AS burst,
  slot = 7 AND block % 5 = 0 AS planted,
  slot < burst OR planted AS clustered,
  if(planted, 0.02, 0.05 + 0.35 * (cityHash64(block, 2) % 1000) / 1000) AS spread`;

// Unchanged from the first benchmarks (so their rows stay comparable), randNormal included: the
// independent rows differ between runs, which the worst case does not mind.
const ISOTROPIC_ROWS = `SELECT ${BLOCK_COLUMNS},
  arrayMap(k -> if(clustered,
      sqrt(-2 * log((cityHash64(block, k, 3) % 16777216 + 0.5) / 16777216))
        * cos(2 * pi() * (cityHash64(block, k, 4) % 16777216 + 0.5) / 16777216)
        + spread * randNormal(0, 1, k + n),
      randNormal(0, 1, k + n)), range({dims:UInt32})) AS raw
  FROM numbers({from:UInt64}, {rows:UInt64})`;

// Each scene's base (the common, topic and scene components, weighted) is computed once per scene and
// joined to its rows; each row adds its shot direction: the block's for a burst (whose members then differ
// by `spread`, as in the isotropic shape, so burst distances match), the row's own otherwise. Every
// component has unit variance per dimension before its weight.
const CLIP_LIKE_SCENES = `SELECT scene,
    toUInt32(floor(exp(log(${TOPICS + 1}) * (cityHash64(scene, 21) % 1000000) / 1000000))) - 1 AS topic,
    ${CLIP_LIKE_WEIGHTS.sceneFrom} + ${CLIP_LIKE_WEIGHTS.sceneTo - CLIP_LIKE_WEIGHTS.sceneFrom} * (cityHash64(scene, 22) % 1000) / 1000 AS scene_weight,
    arrayMap(k -> toFloat32(sqrt(${CLIP_LIKE_WEIGHTS.common}) * ${gaussian('cityHash64(k, 23)')}
        + sqrt(${CLIP_LIKE_WEIGHTS.topic}) * ${gaussian(`cityHash64(least(topic, ${TOPICS - 1}), k, 24)`)}
        + sqrt(scene_weight) * ${gaussian('cityHash64(scene, k, 25)')}),
      range({dims:UInt32})) AS base,
    sqrt(1 - ${CLIP_LIKE_WEIGHTS.common} - ${CLIP_LIKE_WEIGHTS.topic} - scene_weight) AS shot_scale
  FROM (SELECT number AS scene FROM numbers(intDiv({from:UInt64}, ${SCENE_PHOTOS}),
                                            intDiv({rows:UInt64}, ${SCENE_PHOTOS}) + 2))`;

const CLIP_LIKE_ROWS = `SELECT n,
    arrayMap((b, shot_hash, noise_hash) -> b + shot_scale * ${gaussian('shot_hash')} + noise * ${gaussian('noise_hash')},
      base,
      arrayMap(k -> cityHash64(clustered, if(clustered, block, n), k, 26), range({dims:UInt32})),
      arrayMap(k -> cityHash64(n, k, 27), range({dims:UInt32}))) AS raw
  FROM (SELECT ${BLOCK_COLUMNS}, if(clustered, spread, 0) AS noise, intDiv(n, ${SCENE_PHOTOS}) AS scene
        FROM numbers({from:UInt64}, {rows:UInt64})) AS r
  INNER JOIN (${CLIP_LIKE_SCENES}) AS s USING scene`;
