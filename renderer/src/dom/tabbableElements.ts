const candidates = 'a[href], button, input, select, textarea, [tabindex]';

/** The elements inside `root` that Tab stops at, in document order (enabled, not hidden, not tabindex -1). */
export function tabbableElements(root: Element): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(candidates)].filter(
    (element) =>
      element.tabIndex >= 0 &&
      !(element as HTMLButtonElement).disabled &&
      element.closest('[hidden], [inert]') === null &&
      !(element instanceof HTMLInputElement && element.type === 'hidden'),
  );
}
