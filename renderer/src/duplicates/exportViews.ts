import type { PhotoInfo } from '../../../shared/contract';
import { exportGroups, type ExportFormat, type ExportGroup } from '../../../shared/duplicates/group-export';
import type { DistanceLookup } from './distanceLookup';
import type { GroupView } from './groupViews';

/** A group as the screen shows it (the user's keeper too), in the shared export's shape. */
export function exportGroupOf(group: GroupView, distanceBetween: DistanceLookup): ExportGroup {
  const [keeper] = group.photos;
  return {
    kind: group.kind,
    keeper: group.keeperPath,
    items: group.photos.map((photo) => {
      if (photo === keeper) return { path: photo.path, distance: 0 };
      const { relation, distance } = distanceBetween(photo, keeper!);
      return { path: photo.path, distance: distance ?? (relation === 'identical' ? 0 : null) };
    }),
    reclaimableBytes: group.reclaimableBytes,
    keeperReason: group.keeperReason,
  };
}

/** The file the Export button saves: the groups shown, in their order, with the threshold they were cut at. */
export function exportShownGroups(
  format: ExportFormat,
  groups: readonly GroupView[],
  distanceBetween: DistanceLookup,
  maxDistance: number,
): string {
  const photos = new Map<string, PhotoInfo>();
  const protectedFolders = new Set<string>();
  for (const group of groups) {
    for (const photo of group.photos) photos.set(photo.path, photo);
    for (const folder of group.protectedFolders.values()) protectedFolders.add(folder);
  }
  return exportGroups(
    format,
    groups.map((group) => exportGroupOf(group, distanceBetween)),
    { maxDistance, photoOf: (path) => photos.get(path), protectedFolders: [...protectedFolders] },
  );
}
