// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { graphOf, photo, similar } from '../testing/photoFixtures';
import { renderWithEngine } from '../testing/renderWithEngine';
import { DuplicatesScreen } from './DuplicatesScreen';

afterEach(cleanup);

const a = photo('/p/a.jpg');
const b = photo('/p/b.jpg');
const c = photo('/p/c.jpg');

describe('Duplicates screen with nothing to show', () => {
  it('says what to do next instead of "0 groups", without the keyboard hint or bulk button', async () => {
    // a and b are alike only at a looser setting than the default.
    renderWithEngine(<DuplicatesScreen active />, {
      graph: graphOf([a, b, c], [similar(a, b, 0.3)], { maxDistance: 0.4, defaultThreshold: 0.1 }),
    });
    const empty = await screen.findByTestId('duplicates-none');
    expect(empty.textContent).toContain('No duplicates at this setting');
    expect(empty.textContent).toContain('3 photos');
    expect(screen.queryByTestId('duplicates-summary')).toBeNull();
    expect(screen.queryByTestId('bulk-trash')).toBeNull();
    expect(document.querySelector('.keyboard-hint')).toBeNull();

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Show less alike photos' })));
    expect(screen.getAllByTestId('duplicate-group')).toHaveLength(1);
    expect(screen.getByTestId('duplicates-summary').textContent).toContain('1 group');
    expect(document.querySelector('.keyboard-hint')).not.toBeNull();
  });

  it('at the loosest setting, suggests adding folders in Library', async () => {
    const goToLibrary = vi.fn();
    renderWithEngine(<DuplicatesScreen active onGoToLibrary={goToLibrary} />, {
      graph: graphOf([a, b], [], { maxDistance: 0.4, defaultThreshold: 0.4 }),
    });
    const empty = await screen.findByTestId('duplicates-none');
    expect(empty.textContent).toContain('No duplicates found');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Go to Library' })));
    expect(goToLibrary).toHaveBeenCalledOnce();
  });

  it('with a kind filter, offers to show all kinds', async () => {
    renderWithEngine(<DuplicatesScreen active />, { graph: graphOf([a, b], [similar(a, b, 0.05)]) });
    await screen.findAllByTestId('duplicate-group');
    await act(async () => {
      fireEvent.change(screen.getByTestId('kind-filter'), { target: { value: 'identical' } });
    });
    expect(screen.getByTestId('duplicates-none').textContent).toContain('No identical groups');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Show all kinds' })));
    expect(screen.getAllByTestId('duplicate-group')).toHaveLength(1);
  });
});
