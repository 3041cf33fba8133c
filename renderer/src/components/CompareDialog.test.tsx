// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { installModalDialogFallback } from '../testing/modalDialogFallback';
import { renderWithEngine } from '../testing/renderWithEngine';
import { CompareDialog } from './CompareDialog';
import type { ComparePhoto } from './ComparePane';

beforeAll(installModalDialogFallback);
afterEach(cleanup);

const photos: ComparePhoto[] = [
  { path: '/p/keeper.jpg', title: 'keeper.jpg', badge: 'Keep', width: 4000, height: 3000 },
  { path: '/p/copy.jpg', title: 'copy.jpg', width: 2000, height: 1500 },
  { path: '/p/edit.jpg', title: 'edit.jpg', width: 4000, height: 3000 },
];

function Page() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Compare
      </button>
      {open && (
        <CompareDialog
          photos={photos}
          initialPicks={['/p/keeper.jpg', '/p/copy.jpg']}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

async function openCompare() {
  const user = userEvent.setup();
  renderWithEngine(<Page />);
  const opener = screen.getByRole('button', { name: 'Compare' });
  await user.click(opener);
  return { user, opener, dialog: screen.getByTestId('compare-dialog') };
}

const paneLetters = () => screen.getAllByTestId('compare-pane').map((pane) => pane.dataset.letter);

describe('CompareDialog', () => {
  it('opens as a native modal with the picked photos side by side, Close focused', async () => {
    const { dialog } = await openCompare();
    expect(dialog).toBeInstanceOf(HTMLDialogElement);
    expect(screen.getByRole('dialog', { name: 'Compare 2 photos' })).toBe(dialog);
    expect(document.activeElement).toBe(screen.getByTestId('compare-close'));
    expect(screen.getAllByTestId('compare-pane').map((pane) => pane.dataset.path)).toEqual([
      '/p/keeper.jpg',
      '/p/copy.jpg',
    ]);
    expect(screen.getAllByRole('img').map((image) => image.getAttribute('alt'))).toEqual([
      'keeper.jpg',
      'copy.jpg',
    ]);
  });

  it('flips A and B in one place with F, and says which is shown', async () => {
    const { user } = await openCompare();
    const flip = screen.getByRole('button', { name: 'A/B flip' });
    expect(flip.getAttribute('aria-pressed')).toBe('false');
    const announcement = screen.getByTestId('compare-announcement');
    expect(announcement.getAttribute('aria-live')).toBe('polite');

    await user.keyboard('f');
    expect(paneLetters()).toEqual(['A']);
    expect(flip.getAttribute('aria-pressed')).toBe('true');
    expect(announcement.textContent).toBe('Showing A: keeper.jpg');
    expect(screen.getByTestId('compare-flip-label').textContent).toContain('Showing A: keeper.jpg');
    const pane = screen.getByTestId('compare-pane');

    await user.keyboard('F');
    expect(paneLetters()).toEqual(['B']);
    expect(announcement.textContent).toBe('Showing B: copy.jpg');
    // The same pane, in the same place: only the photo in it changed.
    expect(screen.getByTestId('compare-pane')).toBe(pane);

    await user.click(flip);
    expect(paneLetters()).toEqual(['A', 'B']);
  });

  it('zooms every pane together with the keyboard and back to fit', async () => {
    const { user } = await openCompare();
    expect(screen.getByTestId('compare-zoom').textContent).toBe('Fit');
    await user.keyboard('+');
    expect(screen.getByTestId('compare-zoom').textContent).not.toBe('Fit');
    await user.keyboard('0');
    expect(screen.getByTestId('compare-zoom').textContent).toBe('Fit');
  });

  it('adds and takes away photos, two to four, the first one the reference', async () => {
    const { user } = await openCompare();
    const picker = screen.getByRole('group', { name: /Photos to compare/ });
    const pick = (name: RegExp) => within(picker).getByRole('button', { name });
    await user.click(pick(/edit\.jpg/));
    expect(pick(/edit\.jpg/).getAttribute('aria-pressed')).toBe('true');
    expect(paneLetters()).toEqual(['A', 'B', 'C']);
    await user.click(pick(/keeper\.jpg/));
    expect(screen.getAllByTestId('compare-pane').map((pane) => pane.dataset.path)).toEqual([
      '/p/copy.jpg',
      '/p/edit.jpg',
    ]);
    // Two is the fewest: neither may go now.
    expect((pick(/copy\.jpg/) as HTMLButtonElement).disabled).toBe(true);
  });

  it('turns the difference overlay on as a toggle, the reference saying so', async () => {
    const { user } = await openCompare();
    const differences = screen.getByRole('button', { name: 'Differences' });
    expect(differences.getAttribute('aria-pressed')).toBe('false');
    expect(screen.queryAllByTestId('difference-readout')).toHaveLength(0);
    await user.keyboard('d');
    expect(differences.getAttribute('aria-pressed')).toBe('true');
    const readouts = screen.getAllByTestId('difference-readout');
    expect(readouts).toHaveLength(2);
    expect(readouts[0]!.textContent).toMatch(/^Reference/);
    await user.click(differences);
    expect(screen.queryAllByTestId('difference-readout')).toHaveLength(0);
  });

  it('keeps Tab inside, closes on Escape and gives the focus back to the opener', async () => {
    const { user, opener, dialog } = await openCompare();
    for (let press = 0; press < 12; press++) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('compare-dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
