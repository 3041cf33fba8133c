// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { installModalDialogFallback } from '../testing/modalDialogFallback';
import { ConfirmDialog } from './ConfirmDialog';

beforeAll(installModalDialogFallback);
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** A page with controls before and after the button that opens the dialog, as the real screens have. */
function Page({ onConfirm = () => {} }: { onConfirm?: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button">Before</button>
      <button type="button" onClick={() => setOpen(true)}>
        Remove folder
      </button>
      <input aria-label="After" />
      {open && (
        <ConfirmDialog
          title="Remove this folder?"
          confirmLabel="Remove"
          onConfirm={() => {
            onConfirm();
            setOpen(false);
          }}
          onCancel={() => setOpen(false)}
        >
          <p>The files stay where they are.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

async function openDialog() {
  const user = userEvent.setup();
  render(<Page />);
  const opener = screen.getByRole('button', { name: 'Remove folder' });
  await user.click(opener);
  return { user, opener, dialog: screen.getByTestId('confirm-dialog') };
}

describe('ConfirmDialog', () => {
  it('opens as a native modal dialog, named by its title, with Cancel focused', async () => {
    const showModal = vi.spyOn(HTMLDialogElement.prototype, 'showModal');
    const { dialog } = await openDialog();
    expect(dialog).toBeInstanceOf(HTMLDialogElement);
    expect(showModal).toHaveBeenCalledTimes(1);
    expect((dialog as HTMLDialogElement).open).toBe(true);
    expect(screen.getByRole('alertdialog', { name: 'Remove this folder?' })).toBe(dialog);
    expect(document.activeElement).toBe(screen.getByTestId('confirm-cancel'));
  });

  it('keeps Tab and Shift+Tab inside the dialog', async () => {
    const { user, dialog } = await openDialog();
    const cancel = screen.getByTestId('confirm-cancel');
    const ok = screen.getByTestId('confirm-ok');
    await user.tab();
    expect(document.activeElement).toBe(ok);
    await user.tab();
    expect(document.activeElement).toBe(cancel);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(ok);
    for (let press = 0; press < 5; press++) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
  });

  it('closes on Escape and gives the focus back to the button that opened it', async () => {
    const { user, opener } = await openDialog();
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('returns the focus after Cancel and after confirming too', async () => {
    const onConfirm = vi.fn();
    const user = userEvent.setup();
    render(<Page onConfirm={onConfirm} />);
    const opener = screen.getByRole('button', { name: 'Remove folder' });
    await user.click(opener);
    await user.click(screen.getByTestId('confirm-cancel'));
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    await user.click(opener);
    await user.keyboard('{Tab}{Enter}');
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(opener);
  });

  it('cancels on a press beside the panel, not on one inside it', async () => {
    const { user, dialog } = await openDialog();
    await user.click(screen.getByText('The files stay where they are.'));
    expect(screen.getByTestId('confirm-dialog')).toBe(dialog);
    await user.pointer({ keys: '[MouseLeft]', target: dialog });
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
  });
});
