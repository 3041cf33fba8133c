import type { DuplicateGraph } from '../../../shared/contract';

/**
 * Local edits that mirror what the engine just did, so the list updates at once instead of after the
 * `libraryChanged` refetch (which then replaces the graph with the engine's own view).
 */
export function withoutPaths(graph: DuplicateGraph, paths: Iterable<string>): DuplicateGraph {
  const removed = new Set(paths);
  if (removed.size === 0) return graph;
  return { ...graph, photos: graph.photos.filter((photo) => !removed.has(photo.path)) };
}

export function withNotDuplicates(graph: DuplicateGraph, paths: readonly string[]): DuplicateGraph {
  const wanted = new Set(paths);
  const hashes = [
    ...new Set(graph.photos.filter((photo) => wanted.has(photo.path)).map((photo) => photo.hash)),
  ];
  const dismissed: [string, string][] = [];
  for (let i = 0; i < hashes.length; i++) {
    for (let j = i + 1; j < hashes.length; j++) dismissed.push([hashes[i]!, hashes[j]!]);
  }
  return dismissed.length ? { ...graph, dismissed: [...graph.dismissed, ...dismissed] } : graph;
}
