import type { DuplicateGraph, DuplicateGroup, PhotoInfo } from '../../shared/contract/entities';
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
  const reasons = keeperReasonsOf(answer.groups, graph);
  const groups = answer.groups.map((group, index) => ({ ...group, keeperReason: reasons[index] ?? null }));
  return exportGroups(format, groups, {
    maxDistance: answer.maxDistance,
    samePicture: answer.samePicture,
    photoOf: (path) => photos.get(path),
    protectedFolders: graph.protectedFolders ?? [],
  });
}

/**
 * Why each group's keeper was suggested ("Keeper: largest file"), in the groups' order, from the rule and
 * the photos' details in the graph: the same words the UI shows under the keeper. Null for a group whose
 * photos the graph does not hold.
 */
export function keeperReasonsOf(groups: DuplicateGroup[], graph: DuplicateGraph): (string | null)[] {
  const photos = new Map(graph.photos.map((photo) => [photo.path, photo]));
  const context = keeperContextOf(graph);
  return groups.map((group) => {
    const members = group.items.map((item) => photos.get(item.path)).filter((p): p is PhotoInfo => !!p);
    return keeperReason(members, context)?.text ?? null;
  });
}
