import { useEffect } from 'react';
import { isTypingTarget } from '../dom/isTypingTarget';
import { useLatestRef } from './useLatestRef';

/** Files pasted anywhere except into a text field, where a paste means text. */
export function usePastedFiles(onPaste: (files: File[]) => void): void {
  const latest = useLatestRef(onPaste);
  useEffect(() => {
    const onPasteEvent = (event: ClipboardEvent) => {
      if (isTypingTarget(event.target)) return;
      const files = Array.from(event.clipboardData?.files ?? []);
      if (files.length === 0) return;
      event.preventDefault();
      latest.current(files);
    };
    window.addEventListener('paste', onPasteEvent);
    return () => window.removeEventListener('paste', onPasteEvent);
  }, [latest]);
}
