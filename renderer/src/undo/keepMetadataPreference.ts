import { useCallback, useSyncExternalStore } from 'react';

const STORAGE_KEY = 'doppel.keepMetadata';
const listeners = new Set<() => void>();
/** The choice made in this session, which holds even where storage refuses to remember it. */
let chosen: boolean | null = null;

function read(): boolean {
  if (chosen !== null) return chosen;
  try {
    return window.localStorage.getItem(STORAGE_KEY) !== 'off';
  } catch {
    return true; // storage blocked: the default, on
  }
}

/**
 * "Keep the copies' metadata beside the keeper": on unless the user turned it off (remembered in this
 * browser or window). One value for the whole UI, so the toggle and the trash and move actions agree.
 */
export function useKeepMetadataPreference(): [boolean, (on: boolean) => void] {
  const value = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    read,
    () => true,
  );
  const set = useCallback((on: boolean) => {
    chosen = on;
    try {
      window.localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off');
    } catch {
      // not remembered across sessions, but applied for this one
    }
    for (const listener of listeners) listener();
  }, []);
  return [value, set];
}
