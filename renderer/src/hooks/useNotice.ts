import { useCallback, useEffect, useState } from 'react';

export interface Notice {
  id: number;
  tone: 'info' | 'error';
  text: string;
}

const noticeLifetimeMs = 6000;

/** A short message at the bottom of the window that goes away by itself (errors stay until dismissed). */
export function useNotice(): {
  notice: Notice | null;
  show: (text: string, tone?: Notice['tone']) => void;
  dismiss: () => void;
} {
  const [notice, setNotice] = useState<Notice | null>(null);
  const show = useCallback((text: string, tone: Notice['tone'] = 'info') => {
    setNotice((current) => ({ id: (current?.id ?? 0) + 1, tone, text }));
  }, []);
  const dismiss = useCallback(() => setNotice(null), []);
  useEffect(() => {
    if (!notice || notice.tone === 'error') return;
    const timer = setTimeout(
      () => setNotice((current) => (current?.id === notice.id ? null : current)),
      noticeLifetimeMs,
    );
    return () => clearTimeout(timer);
  }, [notice]);
  return { notice, show, dismiss };
}
