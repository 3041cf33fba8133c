import { useEffect } from 'react';
import { isTypingTarget } from '../dom/isTypingTarget';
import { useLatestRef } from './useLatestRef';

export interface DuplicatesKeyActions {
  moveGroup: (delta: number) => void;
  movePhoto: (delta: number) => void;
  keepFocused: () => void;
  trashFocused: () => void;
  trashOthersInFocusedGroup: () => void;
  notDuplicatesFocused: () => void;
  openFocused: () => void;
  compareFocused: () => void;
}

/**
 * Arrow keys walk photos (left/right) and groups (up/down); K keeps, T trashes, X trashes all but the keeper
 * (one key per group when the suggested keeper is right), N marks "not duplicates", Enter opens full size, C compares. Listens on the window so the keys work without first clicking into the list.
 */
export function useDuplicatesKeyboard(enabled: boolean, actions: DuplicatesKeyActions): void {
  const latest = useLatestRef(actions);

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (isTypingTarget(event.target)) return;
      // Enter on a focused button must press that button, not open the viewer.
      if (event.key === 'Enter' && isPressable(event.target)) return;
      const handled = handleKey(event.key, latest.current);
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled, latest]);
}

function isPressable(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('button, a[href], [role="button"]') !== null;
}

function handleKey(key: string, actions: DuplicatesKeyActions): boolean {
  switch (key) {
    case 'ArrowLeft':
      actions.movePhoto(-1);
      return true;
    case 'ArrowRight':
      actions.movePhoto(1);
      return true;
    case 'ArrowUp':
      actions.moveGroup(-1);
      return true;
    case 'ArrowDown':
      actions.moveGroup(1);
      return true;
    case 'k':
    case 'K':
      actions.keepFocused();
      return true;
    case 't':
    case 'T':
      actions.trashFocused();
      return true;
    case 'x':
    case 'X':
      actions.trashOthersInFocusedGroup();
      return true;
    case 'n':
    case 'N':
      actions.notDuplicatesFocused();
      return true;
    case 'Enter':
      actions.openFocused();
      return true;
    case 'c':
    case 'C':
      actions.compareFocused();
      return true;
    default:
      return false;
  }
}
