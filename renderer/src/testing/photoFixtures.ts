import type { DuplicateGraph, DuplicatePair, PhotoInfo } from '../../../shared/contract';

/** A photo with sensible defaults; the hash defaults to one derived from the path (distinct contents). */
export function photo(path: string, overrides: Partial<PhotoInfo> = {}): PhotoInfo {
  return {
    path,
    hash: `hash-of-${path}`,
    size: 2_000_000,
    mtimeMs: Date.UTC(2024, 2, 1, 12, 0),
    width: 4000,
    height: 3000,
    format: 'jpeg',
    takenAt: '2024-03-01T12:00:00Z',
    ...overrides,
  };
}

export function similar(a: PhotoInfo, b: PhotoInfo, distance: number): DuplicatePair {
  return { a: a.hash, b: b.hash, distance, samePicture: false };
}

export function graphOf(
  photos: PhotoInfo[],
  pairs: DuplicatePair[],
  overrides: Partial<DuplicateGraph> = {},
): DuplicateGraph {
  return {
    maxDistance: 0.4,
    defaultThreshold: 0.1,
    model: 'test-model',
    photos,
    pairs,
    dismissed: [],
    ...overrides,
  };
}
