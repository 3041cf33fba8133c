import { requestLimits, type EngineApi, type IndexError } from '../../../shared/contract';

export interface CopySetToClear {
  keeper: string;
  copies: string[];
}

export interface KeptFirst {
  /** The photos that may go now: those whose keeper's sidecar was written or had nothing to add. */
  paths: string[];
  /** The copies that stay because their keeper's sidecar could not be written, and why. */
  blocked: IndexError[];
  /** How many sidecars were written or added to. */
  kept: number;
}

/**
 * Before copies leave (trash or move): their metadata the keeper lacks goes into the keeper's sidecar first,
 * in requests the engine accepts. A set whose sidecar fails keeps its copies, so nothing of value is lost.
 */
export async function keepMetadataFirst(
  keepMetadata: EngineApi['keepMetadata'],
  sets: readonly CopySetToClear[],
  paths: readonly string[],
): Promise<KeptFirst> {
  const leaving = new Set(paths);
  const wanted = sets
    .map((set) => ({ keeper: set.keeper, copies: set.copies.filter((copy) => leaving.has(copy)) }))
    .filter((set) => set.copies.length > 0 && !leaving.has(set.keeper));
  const blocked: IndexError[] = [];
  let kept = 0;
  for (const batch of batches(wanted)) {
    const answer = await keepMetadata({ sets: batch });
    kept += answer.kept.length;
    for (const failure of answer.failed) {
      for (const set of batch.filter((candidate) => candidate.keeper === failure.path))
        for (const copy of set.copies) blocked.push({ path: copy, error: `kept back: ${failure.error}` });
    }
  }
  const stay = new Set(blocked.map((entry) => entry.path));
  return { paths: paths.filter((path) => !stay.has(path)), blocked, kept };
}

function batches(sets: CopySetToClear[]): CopySetToClear[][] {
  const result: CopySetToClear[][] = [];
  let current: CopySetToClear[] = [];
  let photos = 0;
  for (const set of sets) {
    if (current.length > 0 && photos + set.copies.length > requestLimits.trashPaths) {
      result.push(current);
      current = [];
      photos = 0;
    }
    current.push(set);
    photos += set.copies.length;
  }
  if (current.length > 0) result.push(current);
  return result;
}
