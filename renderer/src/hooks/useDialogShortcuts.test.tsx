// @vitest-environment happy-dom
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useDialogShortcuts, type DialogShortcutOptions } from './useDialogShortcuts';

afterEach(cleanup);

function ShortcutProbe({ done, options }: { done: string[]; options?: DialogShortcutOptions }) {
  useDialogShortcuts(() => ({ f: () => done.push('flip'), ArrowRight: () => done.push('next') }), options);
  return <p>dialog</p>;
}

/** Presses `key` on the page and says whether the page underneath heard it too. */
function press(key: string, modifiers: Partial<KeyboardEventInit> = {}): boolean {
  let heardBelow = false;
  const below = () => (heardBelow = true);
  document.body.addEventListener('keydown', below);
  fireEvent.keyDown(document.body, { key, ...modifiers });
  document.body.removeEventListener('keydown', below);
  return heardBelow;
}

describe('useDialogShortcuts', () => {
  it('acts on its keys and keeps them from the page underneath; other keys pass through', () => {
    const done: string[] = [];
    render(<ShortcutProbe done={done} />);
    expect(press('f')).toBe(false);
    expect(press('ArrowRight')).toBe(false);
    expect(press('x')).toBe(true);
    // A key name that is a property of every object is not an action.
    expect(press('constructor')).toBe(true);
    expect(done).toEqual(['flip', 'next']);
  });

  it('answers a key pressed with Ctrl too, unless told to leave those to the browser', () => {
    const done: string[] = [];
    const { unmount } = render(<ShortcutProbe done={done} />);
    press('f', { ctrlKey: true });
    unmount();
    render(<ShortcutProbe done={done} options={{ ignoreModified: true }} />);
    expect(press('f', { ctrlKey: true })).toBe(true);
    expect(press('f', { metaKey: true })).toBe(true);
    expect(press('f')).toBe(false);
    expect(done).toEqual(['flip', 'flip']);
  });

  it('stops listening once the dialog is gone', () => {
    const done: string[] = [];
    const { unmount } = render(<ShortcutProbe done={done} />);
    unmount();
    expect(press('f')).toBe(true);
    expect(done).toEqual([]);
  });
});
