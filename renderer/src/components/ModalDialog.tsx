import { useLayoutEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { tabbableElements } from '../dom/tabbableElements';
import { useLatestRef } from '../hooks/useLatestRef';

export interface ModalDialogProps {
  className: string;
  children: ReactNode;
  /** Escape, the backdrop (when `cancelOnBackdrop`) or the browser closing the dialog all end here. */
  onCancel: () => void;
  /** Gets the focus on open; without it the browser focuses the first control. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** A press on the dialog itself, beside its panel, cancels: the dialog fills the window, the panel sits in it. */
  cancelOnBackdrop?: boolean;
  role?: 'dialog' | 'alertdialog';
  'aria-label'?: string;
  'aria-labelledby'?: string;
  'aria-describedby'?: string;
  testId?: string;
}

/**
 * A native modal `<dialog>` opened with showModal(): the browser makes the page behind inert (no Tab, no
 * click, hidden from screen readers) and turns Escape into a 'cancel' event. On top of that, Tab wraps at
 * the ends instead of leaving for the browser's own toolbar, and on close the focus goes back to the element
 * that had it when the dialog opened (usually the button that opened it), so keyboard users keep their place.
 * Open while mounted: the parent shows it by rendering it and closes it by not rendering it.
 */
export function ModalDialog({
  className,
  children,
  onCancel,
  initialFocus,
  cancelOnBackdrop,
  role,
  testId,
  ...labels
}: ModalDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancel = useLatestRef(onCancel);
  const focusFirst = useLatestRef(initialFocus);

  useLayoutEffect(() => {
    const dialog = dialogRef.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    let mounted = true;
    const onNativeCancel = (event: Event) => {
      // The parent decides: it unmounts us, and the cleanup below closes the dialog.
      event.preventDefault();
      cancel.current();
    };
    // Chromium may close a dialog without a cancelable 'cancel' (a second Escape with no click in between).
    const onNativeClose = () => {
      if (mounted) cancel.current();
    };
    dialog.addEventListener('cancel', onNativeCancel);
    dialog.addEventListener('close', onNativeClose);
    dialog.showModal();
    focusFirst.current?.current?.focus();
    return () => {
      mounted = false;
      dialog.removeEventListener('cancel', onNativeCancel);
      dialog.removeEventListener('close', onNativeClose);
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, [cancel, focusFirst]);

  const wrapTab = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return;
    const stops = tabbableElements(event.currentTarget);
    const first = stops[0];
    const last = stops[stops.length - 1];
    if (!first || !last) {
      event.preventDefault(); // nothing to move to: the focus stays in the dialog
      return;
    }
    const active = document.activeElement;
    const wrapTo = event.shiftKey
      ? active === first || active === event.currentTarget
        ? last
        : null
      : active === last
        ? first
        : null;
    if (!wrapTo) return; // between the ends, the browser's own Tab order is right
    event.preventDefault();
    wrapTo.focus();
  };

  return (
    <dialog
      ref={dialogRef}
      className={className}
      role={role}
      {...labels}
      data-testid={testId}
      onKeyDown={wrapTab}
      onMouseDown={(event) => {
        if (cancelOnBackdrop && event.target === event.currentTarget) cancel.current();
      }}
    >
      {children}
    </dialog>
  );
}
