/**
 * happy-dom's showModal() only sets `open`: pressing Escape does not fire the dialog's 'cancel' event as real
 * browsers do. This adds that one step, for component tests only and only under happy-dom, so the tests
 * drive the same path as Chromium (Escape, then 'cancel', then close unless cancelled). Focus stays inside
 * by the dialog's own Tab handling, which needs no stand-in.
 */
export function installModalDialogFallback(): void {
  if (!navigator.userAgent.includes('HappyDOM')) return;
  const marker = '__doppelModalDialogFallback';
  const target = document as unknown as Record<string, boolean>;
  if (target[marker]) return;
  target[marker] = true;
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    const dialogs = document.querySelectorAll<HTMLDialogElement>('dialog[open]');
    const top = dialogs[dialogs.length - 1];
    if (!top) return;
    if (top.dispatchEvent(new Event('cancel', { cancelable: true }))) top.close();
  });
}
