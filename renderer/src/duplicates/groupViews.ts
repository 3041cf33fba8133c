import type { DuplicateGroup, DuplicateKind, PhotoInfo } from '../../../shared/contract';
import { folderHolding } from '../../../shared/duplicates/folder-paths';
import {
  DEFAULT_KEEPER_CONTEXT,
  keeperReason,
  type KeeperContext,
} from '../../../shared/duplicates/keeper-rules';
import { reclaimableBytes } from '../../../shared/duplicates/policy';
import { twinsOf } from '../../../shared/duplicates/raw-jpeg-twins';
import type { DistanceLookup, PhotoRelation } from './distanceLookup';
import { chosenKeeper, type KeeperChoices } from './keeperChoices';

/**
 * A group as the list needs it for sorting, totals and actions. Kept lean on purpose: it is rebuilt for every
 * group on every slider move, while the per-photo details (`describeGroupPhotos`, differing fields) are only
 * worked out for the few rows on screen.
 */
export interface GroupView {
  /** The suggested keeper's path: unique per group, and stable while the user changes the keeper. */
  id: string;
  kind: DuplicateKind;
  keeperPath: string;
  /** True when the keeper is the suggestion, false when the user picked it. */
  keeperIsSuggested: boolean;
  /**
   * Keeper first, then the rest of the keeper's copy set, then each other copy set (its keeper first), then
   * the shots with no copy, each run in the grouping's order: a copy set's members are always adjacent.
   */
  photos: PhotoInfo[];
  /**
   * The copy sets of two or more photos (the same picture: identical, RAW+JPEG, same-picture), what "trash
   * all but the keeper" acts on. A group that is one copy set holds it (with the group's keeper); a similar
   * group one per set among its shots.
   */
  copySets: CopySetView[];
  /** What trashing all but the current keeper and its own RAW or JPEG twin frees. */
  reclaimableBytes: number;
  /** What the suggested keeper would free: the sort key, so picking a keeper never makes rows jump. */
  suggestedReclaimableBytes: number;
  /** The protected folder holding each protected member (never trashed, by any action). */
  protectedFolders: ReadonlyMap<string, string>;
  /** Why this keeper, for its card ("Keeper: RAW original"; "Keeper: your choice" for the user's pick). */
  keeperReason: string | null;
}

export interface CopySetView {
  kind: DuplicateKind;
  /** Keeper first: the group's keeper when it is in this set (the user's pick too), else the set's own. */
  photos: PhotoInfo[];
}

export interface PhotoView {
  photo: PhotoInfo;
  isKeeper: boolean;
  /** The keeper says whether it is the suggestion or the user's pick; the others how they relate to it. */
  relation: PhotoRelation | 'suggested-keeper' | 'chosen-keeper';
  /** Embedding distance to the keeper, when there is one. */
  distanceToKeeper: number | null;
  /** The protected folder this photo is in, or null. */
  protectedFolder: string | null;
}

export function buildGroupView(
  group: DuplicateGroup,
  photosByPath: ReadonlyMap<string, PhotoInfo>,
  choices: KeeperChoices,
  context: KeeperContext = DEFAULT_KEEPER_CONTEXT,
): GroupView | null {
  const members: PhotoInfo[] = [];
  for (const item of group.items) {
    const photo = photosByPath.get(item.path);
    if (photo) members.push(photo);
  }
  if (members.length < 2) return null;
  const chosenPath = choices.size
    ? chosenKeeper(
        choices,
        group.items.map((item) => item.path),
      )
    : null;
  const keeper = members.find((photo) => photo.path === (chosenPath ?? group.keeper)) ?? members[0]!;
  const keeperIsSuggested = keeper.path === group.keeper;
  const copySets = copySetViews(group, photosByPath, keeper);
  const photos = [keeper];
  const placed = new Set<PhotoInfo>(photos);
  for (const photo of [...copySets.flatMap((set) => set.photos), ...members]) {
    if (placed.has(photo)) continue;
    placed.add(photo);
    photos.push(photo);
  }
  return {
    id: group.keeper,
    kind: group.kind,
    keeperPath: keeper.path,
    keeperIsSuggested,
    photos,
    copySets,
    // The grouping already worked it out for its own keeper (without that keeper's RAW or JPEG twin).
    reclaimableBytes: keeperIsSuggested ? group.reclaimableBytes : reclaimableWithKeeper(photos),
    suggestedReclaimableBytes: group.reclaimableBytes,
    protectedFolders: protectedMembers(members, context),
    keeperReason: keeperIsSuggested ? (keeperReason(members, context)?.text ?? null) : 'Keeper: your choice',
  };
}

function protectedMembers(members: readonly PhotoInfo[], context: KeeperContext): Map<string, string> {
  const found = new Map<string, string>();
  if (context.protectedFolders.length === 0) return found;
  for (const photo of members) {
    const folder = folderHolding(photo.path, context.protectedFolders);
    if (folder !== null) found.set(photo.path, folder);
  }
  return found;
}

/** The group's copy sets as photos, the keeper's own set first and led by the keeper. */
function copySetViews(
  group: DuplicateGroup,
  photosByPath: ReadonlyMap<string, PhotoInfo>,
  keeper: PhotoInfo,
): CopySetView[] {
  const views: CopySetView[] = [];
  for (const set of group.copies) {
    const photos: PhotoInfo[] = [];
    for (const item of set.items) {
      const photo = photosByPath.get(item.path);
      if (photo) photos.push(photo);
    }
    if (photos.length < 2) continue;
    const keeperAt = photos.indexOf(keeper);
    if (keeperAt < 0) {
      views.push({ kind: set.kind, photos });
      continue;
    }
    photos.splice(keeperAt, 1);
    views.unshift({ kind: set.kind, photos: [keeper, ...photos] });
  }
  return views;
}

/** What trashing a copy set's photos but its keeper (first) frees. */
export function copySetReclaimableBytes(set: CopySetView): number {
  return reclaimableWithKeeper(set.photos);
}

/** The size of every photo but the keeper (first) and its own RAW or JPEG twin, which are one shot. */
function reclaimableWithKeeper(photos: readonly PhotoInfo[]): number {
  const [keeper, ...others] = photos;
  const twins = new Set(
    twinsOf(
      keeper!.path,
      others.map((photo) => photo.path),
    ),
  );
  return reclaimableBytes(others, (photo) => twins.has(photo.path));
}

/**
 * The views already built for one set of photos, keeper choices and keeper rule. groupPrepared returns the
 * same group object for as long as a group holds across thresholds, so a slider move builds views only for
 * the groups that changed; a new set of choices or a new rule starts a new cache.
 */
export type GroupViewCache = WeakMap<DuplicateGroup, GroupView | null>;

export function buildGroupViews(
  groups: readonly DuplicateGroup[],
  photosByPath: ReadonlyMap<string, PhotoInfo>,
  choices: KeeperChoices,
  context: KeeperContext = DEFAULT_KEEPER_CONTEXT,
  cache?: GroupViewCache,
): GroupView[] {
  const views: GroupView[] = [];
  for (const group of groups) {
    let view = cache?.get(group);
    if (view === undefined) {
      view = buildGroupView(group, photosByPath, choices, context);
      cache?.set(group, view);
    }
    if (view) views.push(view);
  }
  return views;
}

/** Each photo with how it relates to the keeper (distance, identical, same picture). */
export function describeGroupPhotos(group: GroupView, distanceBetween: DistanceLookup): PhotoView[] {
  const [keeper, ...others] = group.photos;
  if (!keeper) return [];
  return [
    {
      photo: keeper,
      isKeeper: true,
      relation: group.keeperIsSuggested ? 'suggested-keeper' : 'chosen-keeper',
      distanceToKeeper: 0,
      protectedFolder: group.protectedFolders.get(keeper.path) ?? null,
    },
    ...others.map((photo) => {
      const { relation, distance } = distanceBetween(photo, keeper);
      const protectedFolder = group.protectedFolders.get(photo.path) ?? null;
      return { photo, isKeeper: false, relation, distanceToKeeper: distance, protectedFolder };
    }),
  ];
}

/**
 * False when every photo has the same bytes: "not duplicates" is remembered per pair of contents, so it
 * cannot separate identical files.
 */
export function canMarkNotDuplicates(group: GroupView): boolean {
  const first = group.photos[0]?.hash;
  return group.photos.some((photo) => photo.hash !== first);
}

export function groupPaths(group: GroupView): string[] {
  return group.photos.map((photo) => photo.path);
}

/**
 * What "Move N others to Trash" moves: every photo but the keeper, and never one in a protected folder or
 * on another computer (an index shared on a server: only Doppel there can trash it).
 */
export function pathsOtherThanKeeper(group: GroupView): string[] {
  return group.photos
    .slice(1)
    .filter((photo) => !group.protectedFolders.has(photo.path) && photo.machine === undefined)
    .map((photo) => photo.path);
}
