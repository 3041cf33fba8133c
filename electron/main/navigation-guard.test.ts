import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from './app-assets';
import { guardNavigation, isNavigationAllowed, type GuardedContents } from './navigation-guard';

const ours = `${APP_ORIGIN}/index.html#/duplicates`;
const foreign = [
  'https://evil.example/',
  'http://127.0.0.1:4870/',
  'file:///etc/passwd',
  'doppel-media://thumb/abc',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'doppel-app://app.evil.example/index.html',
  'not a url',
];

describe('isNavigationAllowed', () => {
  it('lets every kind of navigation reach our own pages, in any frame', () => {
    expect(isNavigationAllowed({ kind: 'navigate', url: ours })).toBe(true);
    expect(isNavigationAllowed({ kind: 'redirect', url: ours })).toBe(true);
    expect(isNavigationAllowed({ kind: 'frame-navigate', url: ours, isMainFrame: false })).toBe(true);
  });

  it('refuses every other destination, whether a link, a redirect or a subframe asks', () => {
    for (const url of foreign) {
      expect(isNavigationAllowed({ kind: 'navigate', url }), url).toBe(false);
      expect(isNavigationAllowed({ kind: 'redirect', url }), url).toBe(false);
      expect(isNavigationAllowed({ kind: 'frame-navigate', url, isMainFrame: true }), url).toBe(false);
      expect(isNavigationAllowed({ kind: 'frame-navigate', url, isMainFrame: false }), url).toBe(false);
    }
  });

  it('opens no window, not even one of ours', () => {
    expect(isNavigationAllowed({ kind: 'open-window', url: ours })).toBe(false);
    expect(isNavigationAllowed({ kind: 'open-window', url: foreign[0]! })).toBe(false);
  });
});

/** A WebContents as far as the guard sees one: its events, and the handler window.open asks. */
class FakeContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  /** Emit `event` as Electron does (details first) and say whether a listener prevented it. */
  attempt(event: string, url: string, isMainFrame = true): boolean {
    let prevented = false;
    this.emit(event, { url, isMainFrame, preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

describe('guardNavigation', () => {
  const guarded = () => {
    const contents = new FakeContents();
    guardNavigation(contents as unknown as GuardedContents);
    return contents;
  };

  it('stops links, server redirects and subframes that leave our pages', () => {
    const contents = guarded();
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(contents.listenerCount(event), event).toBe(1);
      expect(contents.attempt(event, 'https://evil.example/'), event).toBe(true);
      expect(contents.attempt(event, ours), event).toBe(false);
    }
    expect(contents.attempt('will-frame-navigate', 'https://evil.example/frame', false)).toBe(true);
  });

  it('denies every window.open', () => {
    const contents = guarded();
    expect(contents.windowOpenHandler).not.toBeNull();
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: ours })).toEqual({ action: 'deny' });
  });
});
