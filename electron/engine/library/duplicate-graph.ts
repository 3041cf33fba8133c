import type { DuplicateGraph, DuplicatePair } from '../../../shared/contract/entities';
import { pairKey } from '../../../shared/duplicates/policy';
import type { Database } from '../store/database';
import { DuplicateGraphStore } from '../store/graph-store';
import type { PairStore } from '../store/pair-store';
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
      ...(pair.level ? { samePictureLevel: pair.level } : {}),
    });
  }
  const graphStore = new DuplicateGraphStore(db);
  const photos = await graphStore.photosWithPartners(model?.id ?? '');
  return addRawJpegTwins(
    {
      maxDistance: model?.maxDistance ?? 0,
      defaultThreshold: model?.defaultThreshold ?? 0,
      model: model?.id ?? null,
      photos,
      pairs: [...merged.values()],
      dismissed: await pairs.dismissed(),
    },
    await graphStore.rawJpegTwinCandidates(),
  );
}
