import { useMemo, useState } from 'react';
import type { GroupView } from '../duplicates/groupViews';

export interface GroupFocus {
  groupIndex: number;
  photoIndex: number;
  group: GroupView | undefined;
  /** `path`: the photo meant, when the caller knows it better than the list as it is now (a new keeper). */
  setFocus: (groupIndex: number, photoIndex: number, path?: string) => void;
  moveGroup: (delta: number) => number;
  movePhoto: (delta: number) => void;
}

interface FocusState {
  group: number;
  photo: number;
  /** The focused photo, so that a list that changes under it (groups arriving while indexing) keeps it. */
  path: string | null;
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}

/**
 * Where the focus is in `groups`: on its photo wherever that photo now is (new groups sorted in above it, its
 * group reordered), else at its place, clamped: after a trash the next group slides into the focused place,
 * and a shrunken group keeps a valid photo focused.
 */
function resolveFocus(groups: readonly GroupView[], focus: FocusState): { group: number; photo: number } {
  const group = clamp(focus.group, 0, Math.max(0, groups.length - 1));
  const photo = clamp(focus.photo, 0, Math.max(0, (groups[group]?.photos.length ?? 1) - 1));
  if (focus.path === null || groups[group]?.photos[photo]?.path === focus.path) return { group, photo };
  for (let index = 0; index < groups.length; index++) {
    const found = groups[index]!.photos.findIndex((candidate) => candidate.path === focus.path);
    if (found >= 0) return { group: index, photo: found };
  }
  return { group, photo };
}

/** The keyboard focus in the duplicate list: a place in it, which follows its photo when the list changes. */
export function useGroupFocus(groups: readonly GroupView[]): GroupFocus {
  const [focus, setFocusState] = useState<FocusState>({ group: 0, photo: 0, path: null });
  const resolved = useMemo(() => resolveFocus(groups, focus), [groups, focus]);
  const group = groups[resolved.group];
  const focusedPath = group?.photos[resolved.photo]?.path ?? null;
  // The photo now focused is the one to follow next (after a trash it is the one that slid in). Adjusting state
  // while rendering is React's way for what follows from the props; it settles in one more pass.
  if (
    focusedPath !== null &&
    (focusedPath !== focus.path || resolved.group !== focus.group || resolved.photo !== focus.photo)
  ) {
    setFocusState({ group: resolved.group, photo: resolved.photo, path: focusedPath });
  }

  const setFocus = (nextGroup: number, nextPhoto: number, path?: string) =>
    setFocusState({
      group: nextGroup,
      photo: nextPhoto,
      path: path ?? groups[nextGroup]?.photos[nextPhoto]?.path ?? null,
    });
  return {
    groupIndex: resolved.group,
    photoIndex: resolved.photo,
    group,
    setFocus,
    moveGroup: (delta) => {
      const next = clamp(resolved.group + delta, 0, Math.max(0, groups.length - 1));
      setFocus(next, resolved.photo);
      return next;
    },
    movePhoto: (delta) => {
      if (group) setFocus(resolved.group, clamp(resolved.photo + delta, 0, group.photos.length - 1));
    },
  };
}
