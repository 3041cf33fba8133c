// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { foreignPath } from '../../../shared/machines/machine-paths';
import { installModalDialogFallback } from '../testing/modalDialogFallback';
import { graphOf, photo } from '../testing/photoFixtures';
import { renderWithEngine } from '../testing/renderWithEngine';
import { DuplicatesScreen } from './DuplicatesScreen';

beforeAll(installModalDialogFallback);
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

// One index shared with Bert's computer: his copy of the picture is listed with Anna's two.
const BERT = 'b'.repeat(32);
const mine = photo('/Users/anna/IMG_1.jpg', { hash: 'same', size: 3_000_000 });
const myCopy = photo('/Users/anna/copy/IMG_1.jpg', { hash: 'same' });
const his = photo(foreignPath(BERT, '/Users/bert/IMG_1.jpg'), { hash: 'same', machine: 'Bert’s PC' });
const sharedGraph = graphOf([mine, myCopy, his], []);
const SENTENCE = 'This photo lives on Bert’s PC; open Doppel there to move it to the Trash.';

const card = (path: string) =>
  screen.getAllByTestId('photo-card').find((element) => element.dataset.path === path)!;

describe('Duplicates: an index shared by several computers', () => {
  it('names the computer on another computer’s photo, shows no picture of it, and offers no file action', async () => {
    renderWithEngine(<DuplicatesScreen active />, { graph: sharedGraph });
    await screen.findAllByTestId('duplicate-group');
    const bertsCard = card(his.path);
    expect(within(bertsCard).getByTestId('machine-badge').textContent).toContain('On Bert’s PC');
    expect(within(bertsCard).getByTestId('elsewhere-thumbnail').textContent).toBe('On Bert’s PC');
    expect(bertsCard.querySelector('img')).toBeNull();
    expect(within(bertsCard).getByTestId('photo-name').getAttribute('title')).toBe('/Users/bert/IMG_1.jpg');
    expect(within(bertsCard).queryByTestId('reveal')).toBeNull();
    const open = bertsCard.querySelector<HTMLButtonElement>('.photo-card__image')!;
    expect(open.disabled).toBe(true);
    expect(open.title).toMatch(/^This photo lives on Bert’s PC; open Doppel there to/);
    expect(within(card(myCopy.path)).queryByTestId('machine-badge')).toBeNull();
  });

  it('trashes only this computer’s copy with "Move others to Trash", and says why the other stays', async () => {
    const user = userEvent.setup();
    const { engine } = renderWithEngine(<DuplicatesScreen active />, { graph: sharedGraph });
    await screen.findAllByTestId('duplicate-group');
    const button = screen.getByTestId('trash-others');
    expect(button.textContent).toBe('Move 1 other to Trash');
    expect(button.getAttribute('title')).toContain(SENTENCE);
    await user.click(button);
    expect(engine.requestsTo('trash')).toEqual([{ paths: [myCopy.path] }]);
  });

  it('names the computer where the compare view would show another computer’s photo', async () => {
    const user = userEvent.setup();
    renderWithEngine(<DuplicatesScreen active />, { graph: sharedGraph });
    const [group] = await screen.findAllByTestId('duplicate-group');
    await user.click(within(group!).getByRole('button', { name: 'Compare' }));
    const pane = screen.getAllByTestId('compare-pane').find((element) => element.dataset.path === his.path)!;
    expect(within(pane).getByTestId('compare-image').textContent).toBe(
      'This photo lives on Bert’s PC; open Doppel there to see it full size.',
    );
  });

  it('answers T on another computer’s photo with where it lives, without asking the engine', async () => {
    const user = userEvent.setup();
    const { engine } = renderWithEngine(<DuplicatesScreen active />, { graph: sharedGraph });
    await screen.findAllByTestId('duplicate-group');
    await user.click(card(his.path));
    await user.keyboard('t');
    expect(engine.requestsTo('trash')).toEqual([]);
    expect(screen.getByText(SENTENCE)).toBeTruthy();
  });
});
