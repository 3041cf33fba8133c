// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useDuplicatesKeyboard, type DuplicatesKeyActions } from './useDuplicatesKeyboard';

afterEach(cleanup);

function fakeActions() {
  return {
    moveGroup: vi.fn<(delta: number) => void>(),
    movePhoto: vi.fn<(delta: number) => void>(),
    keepFocused: vi.fn<() => void>(),
    trashFocused: vi.fn<() => void>(),
    trashOthersInFocusedGroup: vi.fn<() => void>(),
    notDuplicatesFocused: vi.fn<() => void>(),
    openFocused: vi.fn<() => void>(),
    compareFocused: vi.fn<() => void>(),
  } satisfies DuplicatesKeyActions;
}

function Keys({ enabled, actions }: { enabled: boolean; actions: DuplicatesKeyActions }) {
  useDuplicatesKeyboard(enabled, actions);
  return <input aria-label="Note" />;
}

describe('useDuplicatesKeyboard', () => {
  it('X trashes all but the keeper of the focused group, in one key', async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    render(<Keys enabled actions={actions} />);
    await user.keyboard('x');
    expect(actions.trashOthersInFocusedGroup).toHaveBeenCalledTimes(1);
    expect(actions.trashFocused).not.toHaveBeenCalled();
    await user.keyboard('X');
    expect(actions.trashOthersInFocusedGroup).toHaveBeenCalledTimes(2);
  });

  it('K, T and N keep their meaning', async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    render(<Keys enabled actions={actions} />);
    await user.keyboard('ktn');
    expect(actions.keepFocused).toHaveBeenCalledTimes(1);
    expect(actions.trashFocused).toHaveBeenCalledTimes(1);
    expect(actions.notDuplicatesFocused).toHaveBeenCalledTimes(1);
    expect(actions.trashOthersInFocusedGroup).not.toHaveBeenCalled();
  });

  it('C opens the compare view of the focused group', async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    render(<Keys enabled actions={actions} />);
    await user.keyboard('cC');
    expect(actions.compareFocused).toHaveBeenCalledTimes(2);
    expect(actions.openFocused).not.toHaveBeenCalled();
  });

  it('leaves the keys alone while typing in a field or while disabled (a dialog is open)', async () => {
    const user = userEvent.setup();
    const actions = fakeActions();
    const { getByLabelText, rerender } = render(<Keys enabled actions={actions} />);
    await user.click(getByLabelText('Note'));
    await user.keyboard('x');
    expect(actions.trashOthersInFocusedGroup).not.toHaveBeenCalled();
    (document.activeElement as HTMLElement).blur();
    rerender(<Keys enabled={false} actions={actions} />);
    await user.keyboard('x');
    expect(actions.trashOthersInFocusedGroup).not.toHaveBeenCalled();
  });
});
