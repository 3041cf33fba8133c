import { useEffect } from 'react';
import { useLatestRef } from './useLatestRef';

export interface DialogShortcutOptions {
  /** Leave a key pressed with Alt, Ctrl or Cmd to the browser and the system (default: answer it too). */
  ignoreModified?: boolean;
}

/**
 * The keys a modal dialog answers while it is open: heard on the window before anything underneath, and
 * kept from it, so the list under the dialog does not also act on them. `actions` is called when a key
 * comes (the latest one given), mapping each key name to what it does. Escape is not for this map: the
 * dialog's own 'cancel' closes it.
 */
export function useDialogShortcuts(
  actions: () => Record<string, () => void>,
  { ignoreModified = false }: DialogShortcutOptions = {},
): void {
  const latest = useLatestRef({ actions, ignoreModified });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const current = latest.current;
      if (current.ignoreModified && (event.altKey || event.ctrlKey || event.metaKey)) return;
      const map = current.actions();
      if (!Object.hasOwn(map, event.key)) return;
      event.preventDefault();
      // The list underneath must not also act on the key.
      event.stopImmediatePropagation();
      map[event.key]!();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [latest]);
}
