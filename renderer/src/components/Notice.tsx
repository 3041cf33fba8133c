import type { Notice as NoticeData } from '../hooks/useNotice';

export function NoticeBar({ notice, onDismiss }: { notice: NoticeData | null; onDismiss: () => void }) {
  if (!notice) return null;
  return (
    <div
      className={`notice notice--${notice.tone}`}
      role={notice.tone === 'error' ? 'alert' : 'status'}
      data-testid="notice"
    >
      <span>{notice.text}</span>
      <button type="button" className="notice__close" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
