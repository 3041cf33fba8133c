import type { DuplicateGraph, DuplicatePair } from '../../../shared/contract/entities';
import { pairKey } from '../../../shared/duplicates/policy';
import type { Database } from '../store/database';
import type { PairStore } from '../store/pair-store';
import { PHOTO_INFO_COLUMNS, toPhotoInfo, type PhotoInfoRow } from '../store/photo-rows';
import { addRawJpegTwins } from './raw-jpeg-twin-pairs';

/**
 * The whole near-duplicate graph in one answer: the photos that have any partner (a pair, or a byte-identical
 * copy) and every pair up to the model's maximum distance, merged across the perceptual and embedding graphs.
 */
export async function loadDuplicateGraph(
  db: Database,
  pairs: PairStore,
  model: { id: string; maxDistance: number; defaultThreshold: number } | null,
): Promise<DuplicateGraph> {
  const embedding = model ? await pairs.embeddingPairs(model.id) : [];
  const pixel = await pairs.pixelPairs(model?.id ?? '');
  const merged = new Map<string, DuplicatePair>();
  for (const pair of embedding) {
    merged.set(pairKey(pair.a, pair.b), {
      a: pair.a,
      b: pair.b,
      distance: Number(pair.distance),
      samePicture: false,
    });
  }
  for (const pair of pixel) {
    const key = pairKey(pair.a, pair.b);
    const existing = merged.get(key);
    merged.set(key, {
      a: pair.a,
      b: pair.b,
      distance: existing?.distance ?? pair.distance,
      samePicture: true,
    });
  }
  const result = await db.client.query({
    query: `SELECT ${PHOTO_INFO_COLUMNS} FROM ${db.name}.photos FINAL
            WHERE hash IN (SELECT a FROM ${db.name}.pairs WHERE model = {model:String}
                           UNION ALL SELECT b FROM ${db.name}.pairs WHERE model = {model:String}
                           UNION ALL SELECT a FROM ${db.name}.pixel_pairs UNION ALL SELECT b FROM ${db.name}.pixel_pairs)
               OR hash IN (SELECT hash FROM ${db.name}.photos FINAL GROUP BY hash HAVING count() > 1)
            ORDER BY path`,
    query_params: { model: model?.id ?? '' },
    format: 'JSONEachRow',
  });
  const photos = ((await result.json()) as PhotoInfoRow[]).map(toPhotoInfo);
  return addRawJpegTwins(db, {
    maxDistance: model?.maxDistance ?? 0,
    defaultThreshold: model?.defaultThreshold ?? 0,
    model: model?.id ?? null,
    photos,
    pairs: [...merged.values()],
    dismissed: await pairs.dismissed(),
  });
}
