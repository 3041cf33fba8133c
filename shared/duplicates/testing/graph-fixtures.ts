import type { DuplicateGraph, DuplicatePair, PhotoInfo } from '../../contract/entities';

/** A photo as the engine lists it: a 12 MP JPEG whose hash is derived from its path unless overridden. */
export function photo(path: string, overrides: Partial<PhotoInfo> = {}): PhotoInfo {
  return {
    path,
    hash: `hash:${path}`,
    size: 1_000,
    mtimeMs: 1_600_000_000_000,
    width: 4000,
    height: 3000,
    format: 'jpeg',
    takenAt: null,
    ...overrides,
  };
}

/** A duplicate graph of these photos and pairs, with the thresholds a test model would declare. */
export function graphOf(
  photos: PhotoInfo[],
  pairs: DuplicatePair[],
  dismissed: [string, string][] = [],
): DuplicateGraph {
  return { maxDistance: 0.5, defaultThreshold: 0.2, model: 'test-model', photos, pairs, dismissed };
}

/** Two photos the model finds alike, not the same picture. */
export function similar(a: PhotoInfo, b: PhotoInfo, distance: number): DuplicatePair {
  return { a: a.hash, b: b.hash, distance, samePicture: false };
}
