import type { DuplicateGraph, DuplicatePair, PhotoInfo } from '../../../shared/contract';
import { classifyPair, pairKey } from '../../../shared/duplicates/policy';

export type PhotoRelation = 'identical' | 'raw+jpeg' | 'same-picture' | 'similar' | 'unrelated';

export interface PhotoDistance {
  relation: PhotoRelation;
  /** Embedding distance; null when identical bytes, or when only the perceptual check linked them. */
  distance: number | null;
}

export type DistanceLookup = (a: PhotoInfo, b: PhotoInfo) => PhotoDistance;

/**
 * Distance between any two photos of the graph. The grouping only reports distances to its own suggested
 * keeper; once the user picks another keeper, the cards need distances to that one instead.
 */
export function createDistanceLookup(graph: DuplicateGraph): DistanceLookup {
  const pairs = new Map<string, DuplicatePair>();
  for (const pair of graph.pairs) pairs.set(pairKey(pair.a, pair.b), pair);
  return (a, b) => {
    if (a.hash === b.hash) return { relation: 'identical', distance: null };
    const found = pairs.get(pairKey(a.hash, b.hash));
    if (!found) return { relation: 'unrelated', distance: null };
    // As in the grouping: a copy of the JPEG in another folder is the same picture as the RAW, not its twin.
    return { relation: classifyPair(found, a.path, b.path), distance: found.distance };
  };
}
