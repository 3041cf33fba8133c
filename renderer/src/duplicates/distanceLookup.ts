import type { DuplicateGraph, PhotoInfo } from '../../../shared/contract';
import { twinKey } from '../../../shared/duplicates/raw-jpeg-twins';

export type PhotoRelation = 'identical' | 'raw+jpeg' | 'same-picture' | 'similar' | 'unrelated';

export interface PhotoDistance {
  relation: PhotoRelation;
  /** Embedding distance; null when identical bytes, or when only the perceptual check linked them. */
  distance: number | null;
}

export type DistanceLookup = (a: PhotoInfo, b: PhotoInfo) => PhotoDistance;

function hashPairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/**
 * Distance between any two photos of the graph. The grouping only reports distances to its own suggested
 * keeper; once the user picks another keeper, the cards need distances to that one instead.
 */
export function createDistanceLookup(graph: DuplicateGraph): DistanceLookup {
  const pairs = new Map<string, PhotoDistance>();
  for (const pair of graph.pairs) {
    pairs.set(hashPairKey(pair.a, pair.b), {
      relation: pair.rawJpeg ? 'raw+jpeg' : pair.samePicture ? 'same-picture' : 'similar',
      distance: pair.distance,
    });
  }
  return (a, b) => {
    if (a.hash === b.hash) return { relation: 'identical', distance: null };
    const found = pairs.get(hashPairKey(a.hash, b.hash));
    if (!found) return { relation: 'unrelated', distance: null };
    // As in the grouping: a copy of the JPEG in another folder is the same picture as the RAW, not its twin.
    if (found.relation === 'raw+jpeg' && twinKey(a.path) !== twinKey(b.path))
      return { relation: 'same-picture', distance: found.distance };
    return found;
  };
}
