import { useCallback, useEffect, useState } from 'react';

/**
 * The current screen lives in the URL hash (#/duplicates), so a reload, a bookmark or an e2e test can open a
 * screen directly. The query string is left alone: `doppel serve` uses it for the sign-in token.
 */
export function useHashTab<T extends string>(tabs: readonly T[], fallback: T): [T, (tab: T) => void] {
  const read = useCallback((): T => {
    const name = window.location.hash.replace(/^#\/?/, '');
    return (tabs as readonly string[]).includes(name) ? (name as T) : fallback;
  }, [tabs, fallback]);
  const [tab, setTab] = useState<T>(read);

  useEffect(() => {
    const onHashChange = () => setTab(read());
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [read]);

  const navigate = useCallback((next: T) => {
    setTab(next);
    if (window.location.hash !== `#/${next}`) window.history.replaceState(null, '', `#/${next}`);
  }, []);
  return [tab, navigate];
}
