// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { installModalDialogFallback } from '../testing/modalDialogFallback';
import { graphOf, photo, similar } from '../testing/photoFixtures';
import { renderWithEngine } from '../testing/renderWithEngine';
import { DuplicatesScreen } from './DuplicatesScreen';

beforeAll(installModalDialogFallback);
afterEach(cleanup);

const keeper = photo('/trip/keeper.jpg', { width: 6000, height: 4000, size: 9_000_000 });
const others = ['b', 'c', 'd', 'e'].map((name, at) =>
  photo(`/trip/${name}.jpg`, { width: 3000, height: 2000, size: 5_000_000 - at * 100_000 }),
);
const members = [keeper, ...others];
const pairs = members.flatMap((one, at) => members.slice(at + 1).map((two) => similar(one, two, 0.04)));
const graph = graphOf(members, pairs);

const comparedPaths = () => screen.getAllByTestId('compare-pane').map((pane) => pane.dataset.path);

describe('Duplicates: compare', () => {
  it('"Compare" on a group shows its keeper and the next three, and gives the focus back on close', async () => {
    const user = userEvent.setup();
    const { engine } = renderWithEngine(<DuplicatesScreen active />, { graph });
    const [group] = await screen.findAllByTestId('duplicate-group');
    const button = within(group!).getByRole('button', { name: 'Compare' });
    await user.click(button);
    expect(screen.getByRole('dialog', { name: 'Compare 4 photos' })).toBeTruthy();
    const order = within(group!)
      .getAllByTestId('photo-card')
      .map((card) => card.dataset.path);
    expect(order[0]).toBe('/trip/keeper.jpg');
    expect(comparedPaths()).toEqual(order.slice(0, 4));
    // The list's keys stay with the dialog: X does not trash behind it.
    await user.keyboard('xk');
    expect(engine.requestsTo('trash')).toEqual([]);
    expect(screen.getByTestId('compare-dialog')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('compare-dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('C compares the keeper with the photo in focus', async () => {
    renderWithEngine(<DuplicatesScreen active />, { graph });
    await screen.findAllByTestId('duplicate-group');
    const order = screen.getAllByTestId('photo-card').map((card) => card.dataset.path!);
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'c'])
      await act(async () => {
        fireEvent.keyDown(document.body, { key });
      });
    expect(comparedPaths()).toEqual([order[0], order[4], order[1], order[2]]);
  });
});
