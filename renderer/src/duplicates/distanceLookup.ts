import type { DuplicateGraph, PhotoInfo } from '../../../shared/contract';

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
    return pairs.get(hashPairKey(a.hash, b.hash)) ?? { relation: 'unrelated', distance: null };
  };
}
