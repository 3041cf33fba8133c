import type { DuplicateGraph, DuplicatePair, PhotoInfo } from '../../../shared/contract/entities';
import { pairKey } from '../../../shared/duplicates/policy';
import { findRawJpegTwins } from '../../../shared/duplicates/raw-jpeg-twins';

/**
 * Add RAW+JPEG twins (same folder and name) to the duplicate graph, computed from paths at load time so they
 * need no table of their own and follow renames: each twin is a pair flagged `rawJpeg`, and both photos are
 * in the graph even when nothing else links them. `candidates` are the RAWs and the JPEGs named like them
 * (DuplicateGraphStore.rawJpegTwinCandidates).
 */
export function addRawJpegTwins(graph: DuplicateGraph, candidates: PhotoInfo[]): DuplicateGraph {
  const byPath = new Map(candidates.map((photo) => [photo.path, photo]));
  const twins = findRawJpegTwins(byPath.keys());
  if (twins.length === 0) return graph;

  const pairs = new Map<string, DuplicatePair>(graph.pairs.map((pair) => [pairKey(pair.a, pair.b), pair]));
  const photos = new Map(graph.photos.map((photo) => [photo.path, photo]));
  for (const [rawPath, jpegPath] of twins) {
    const raw = byPath.get(rawPath)!;
    const jpeg = byPath.get(jpegPath)!;
    if (raw.hash === jpeg.hash) continue; // the same bytes: already an identical pair
    const key = pairKey(raw.hash, jpeg.hash);
    const existing = pairs.get(key);
    pairs.set(
      key,
      existing
        ? { ...existing, rawJpeg: true }
        : { a: raw.hash, b: jpeg.hash, distance: null, samePicture: false, rawJpeg: true },
    );
    photos.set(raw.path, raw);
    photos.set(jpeg.path, jpeg);
  }
  return {
    ...graph,
    photos: [...photos.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    pairs: [...pairs.values()],
  };
}
