import { useRef, type ReactNode } from 'react';
import { ModalDialog } from './ModalDialog';

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Destructive actions get a red button. */
  destructive?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal question. Escape or the backdrop cancels; the safe choice (Cancel) has focus first. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  destructive,
  busy,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);

  return (
    <ModalDialog
      className="modal"
      role="alertdialog"
      aria-labelledby="confirm-dialog-title"
      aria-describedby="confirm-dialog-body"
      initialFocus={cancelRef}
      cancelOnBackdrop
      onCancel={onCancel}
      testId="confirm-dialog"
    >
      <div className="dialog">
        <h2 id="confirm-dialog-title" className="dialog__title">
          {title}
        </h2>
        <div id="confirm-dialog-body" className="dialog__body">
          {children}
        </div>
        <div className="dialog__actions">
          <button
            type="button"
            className="button"
            ref={cancelRef}
            onClick={onCancel}
            data-testid="confirm-cancel"
          >
            Cancel
          </button>
          <button
            type="button"
            className={`button ${destructive ? 'button--danger' : 'button--primary'}`}
            onClick={onConfirm}
            disabled={busy}
            data-testid="confirm-ok"
          >
            {confirmLabel}
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
