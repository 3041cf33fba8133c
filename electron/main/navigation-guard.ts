import type { WebContents } from 'electron';
import { isAppUrl } from './ipc-guard';

/**
 * Where pages may go. Only our own pages (the app scheme) load anywhere in the app, whether a link, a
 * script, a server redirect or a subframe asks; no page opens a window. Pure decisions plus their wiring,
 * with electron only as a type, so both are tested under plain Node.
 */
export type NavigationAttempt =
  /** `will-navigate`: the top frame is about to go somewhere (a link, `location`, a dropped file). */
  | { kind: 'navigate'; url: string }
  /** `will-redirect`: a navigation already under way is being redirected. */
  | { kind: 'redirect'; url: string }
  /** `will-frame-navigate`: any frame, subframes included, is about to go somewhere. */
  | { kind: 'frame-navigate'; url: string; isMainFrame: boolean }
  /** `window.open`, target=_blank links. */
  | { kind: 'open-window'; url: string };

export function isNavigationAllowed(attempt: NavigationAttempt): boolean {
  if (attempt.kind === 'open-window') return false;
  return isAppUrl(attempt.url);
}

/** What the guard needs of a WebContents: its navigation events and its window-open handler. */
export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Refuse, in `contents`, every navigation and window that `isNavigationAllowed` refuses. */
export function guardNavigation(contents: GuardedContents): void {
  contents.on('will-navigate', (event) => {
    if (!isNavigationAllowed({ kind: 'navigate', url: event.url })) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isNavigationAllowed({ kind: 'redirect', url: event.url })) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    const attempt = { kind: 'frame-navigate' as const, url: event.url, isMainFrame: event.isMainFrame };
    if (!isNavigationAllowed(attempt)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) =>
    isNavigationAllowed({ kind: 'open-window', url }) ? { action: 'allow' } : { action: 'deny' },
  );
}
