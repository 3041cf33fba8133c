import type { RefObject } from 'react';

/**
 * The Close button of the full-size viewer and the compare view: it takes the focus when the dialog opens
 * (through `ref`, the dialog's initial focus), so Enter or Space closes it as Escape does.
 */
export function DialogCloseButton({
  ref,
  onClose,
  testId,
}: {
  ref: RefObject<HTMLButtonElement | null>;
  onClose: () => void;
  testId: string;
}) {
  return (
    <button type="button" className="button button--small" ref={ref} onClick={onClose} data-testid={testId}>
      Close
    </button>
  );
}
