import { useState } from 'react';
import type { GroupView } from '../duplicates/groupViews';

export interface GroupFocus {
  groupIndex: number;
  photoIndex: number;
  group: GroupView | undefined;
  setFocus: (groupIndex: number, photoIndex: number) => void;
  moveGroup: (delta: number) => number;
  movePhoto: (delta: number) => void;
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}

/**
 * The keyboard focus in the duplicate list, kept as indices and clamped on read: after a trash the next group
 * slides into the focused place, and a shrunken group keeps a valid photo focused.
 */
export function useGroupFocus(groups: readonly GroupView[]): GroupFocus {
  const [focus, setFocusState] = useState({ group: 0, photo: 0 });
  const groupIndex = clamp(focus.group, 0, Math.max(0, groups.length - 1));
  const group = groups[groupIndex];
  const photoIndex = clamp(focus.photo, 0, Math.max(0, (group?.photos.length ?? 1) - 1));

  const setFocus = (nextGroup: number, nextPhoto: number) =>
    setFocusState({ group: nextGroup, photo: nextPhoto });
  return {
    groupIndex,
    photoIndex,
    group,
    setFocus,
    moveGroup: (delta) => {
      const next = clamp(groupIndex + delta, 0, Math.max(0, groups.length - 1));
      setFocus(next, photoIndex);
      return next;
    },
    movePhoto: (delta) => {
      if (group) setFocus(groupIndex, clamp(photoIndex + delta, 0, group.photos.length - 1));
    },
  };
}
