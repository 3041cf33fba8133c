import { useEffect } from 'react';
import { useLatestRef } from './useLatestRef';

/** Calls `onEscape` while mounted; used by the modal layers (dialog, full-size viewer). */
export function useEscapeKey(onEscape: () => void): void {
  const latest = useLatestRef(onEscape);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [latest]);
}
