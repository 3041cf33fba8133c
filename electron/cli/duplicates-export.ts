import type { DuplicateGraph, PhotoInfo } from '../../shared/contract/entities';
import type { MethodResponse } from '../../shared/contract/methods';
import { exportGroups, type ExportFormat } from '../../shared/duplicates/group-export';
import { keeperContextOf, keeperReason } from '../../shared/duplicates/keeper-rules';

/**
 * `doppel duplicates --format csv|json`: the engine's groups with each photo's details from the graph, and
 * why each keeper was suggested, written by the module the UI's export button uses.
 */
export function exportDuplicateGroups(
  format: ExportFormat,
  answer: MethodResponse<'duplicates'>,
  graph: DuplicateGraph,
): string {
  const photos = new Map(graph.photos.map((photo) => [photo.path, photo]));
  const context = keeperContextOf(graph);
  const groups = answer.groups.map((group) => {
    const members = group.items.map((item) => photos.get(item.path)).filter((p): p is PhotoInfo => !!p);
    return { ...group, keeperReason: keeperReason(members, context)?.text ?? null };
  });
  return exportGroups(format, groups, {
    maxDistance: answer.maxDistance,
    samePicture: answer.samePicture,
    photoOf: (path) => photos.get(path),
    protectedFolders: graph.protectedFolders ?? [],
  });
}
