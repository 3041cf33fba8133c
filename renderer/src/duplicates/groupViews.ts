import type { DuplicateGroup, DuplicateKind, PhotoInfo } from '../../../shared/contract';
import type { DistanceLookup, PhotoRelation } from './distanceLookup';
import { chosenKeeper, type KeeperChoices } from './keeperChoices';
import { differingFields, type PhotoField } from './photoFields';

export interface PhotoView {
  photo: PhotoInfo;
  isKeeper: boolean;
  /** The keeper says whether it is the suggestion or the user's pick; the others how they relate to it. */
  relation: PhotoRelation | 'suggested-keeper' | 'chosen-keeper';
  /** Embedding distance to the keeper, when there is one. */
  distanceToKeeper: number | null;
}

export interface GroupView {
  /** The suggested keeper's path: unique per group, and stable while the user changes the keeper. */
  id: string;
  kind: DuplicateKind;
  keeperPath: string;
  /** Keeper first, then the others in the grouping's order. */
  photos: PhotoView[];
  /** What trashing all but the current keeper frees. */
  reclaimableBytes: number;
  /** What the suggested keeper would free: the sort key, so picking a keeper never makes rows jump. */
  suggestedReclaimableBytes: number;
  differing: ReadonlySet<PhotoField>;
  /**
   * False when every photo has the same bytes: "not duplicates" is remembered per pair of contents, so it
   * cannot separate identical files.
   */
  canMarkNotDuplicates: boolean;
}

export function buildGroupView(
  group: DuplicateGroup,
  photosByPath: ReadonlyMap<string, PhotoInfo>,
  choices: KeeperChoices,
  distanceBetween: DistanceLookup,
): GroupView | null {
  const members = group.items
    .map((item) => photosByPath.get(item.path))
    .filter((photo) => photo !== undefined);
  if (members.length < 2) return null;
  const chosenPath = chosenKeeper(
    choices,
    group.items.map((item) => item.path),
  );
  const keeper = members.find((photo) => photo.path === (chosenPath ?? group.keeper)) ?? members[0]!;
  const keeperRelation = keeper.path === group.keeper ? 'suggested-keeper' : 'chosen-keeper';
  const others = members.filter((photo) => photo !== keeper);
  const photos: PhotoView[] = [
    { photo: keeper, isKeeper: true, relation: keeperRelation, distanceToKeeper: 0 },
    ...others.map((photo) => {
      const { relation, distance } = distanceBetween(photo, keeper);
      return { photo, isKeeper: false, relation, distanceToKeeper: distance };
    }),
  ];
  return {
    id: group.keeper,
    kind: group.kind,
    keeperPath: keeper.path,
    photos,
    reclaimableBytes: others.reduce((sum, photo) => sum + photo.size, 0),
    suggestedReclaimableBytes: group.reclaimableBytes,
    differing: differingFields(members),
    canMarkNotDuplicates: new Set(members.map((photo) => photo.hash)).size > 1,
  };
}

export function buildGroupViews(
  groups: readonly DuplicateGroup[],
  photosByPath: ReadonlyMap<string, PhotoInfo>,
  choices: KeeperChoices,
  distanceBetween: DistanceLookup,
): GroupView[] {
  const views: GroupView[] = [];
  for (const group of groups) {
    const view = buildGroupView(group, photosByPath, choices, distanceBetween);
    if (view) views.push(view);
  }
  return views;
}

export function pathsOtherThanKeeper(group: GroupView): string[] {
  return group.photos.filter((view) => !view.isKeeper).map((view) => view.photo.path);
}
