// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_KEEPER_RULE, type KeeperRule, type Settings } from '../../../shared/contract';
import { renderWithEngine } from '../testing/renderWithEngine';
import { fullKeeperOrder, KeeperRuleSettings, moveCriterion } from './KeeperRuleSettings';

afterEach(cleanup);

const settings: Settings = {
  storage: { kind: 'embedded' },
  model: 'm',
  thumbnailCacheDir: '/cache',
  thumbnailCacheMaxMb: 10,
};

const order = () => screen.getAllByTestId('keeper-criterion').map((item) => item.dataset.criterion);
const saved = (engine: { requestsTo: (m: 'updateSettings') => unknown[] }) =>
  (engine.requestsTo('updateSettings') as { keeperRule: KeeperRule }[]).map((r) => r.keeperRule);

describe('Settings › Suggested keeper', () => {
  it('lists every criterion in the saved order, the rest after it', async () => {
    renderWithEngine(<KeeperRuleSettings folders={[]} />, {
      settings: { ...settings, keeperRule: { ...DEFAULT_KEEPER_RULE, order: ['format', 'raw'] } },
    });
    await screen.findByTestId('keeper-rule');
    expect(order()).toEqual(fullKeeperOrder(['format', 'raw']));
    expect(order().slice(0, 3)).toEqual(['format', 'raw', 'pixels']);
    expect(screen.getByRole('list', { name: 'Keeper criteria, asked from the top' })).toBeTruthy();
  });

  it('reorders from the keyboard, saves each move at once, and keeps the focus on the moved criterion', async () => {
    const user = userEvent.setup();
    const { engine } = renderWithEngine(<KeeperRuleSettings folders={[]} />, { settings });
    await screen.findByTestId('keeper-rule');
    const pixelsUp = screen.getByRole('button', { name: 'Move up: Most pixels' });
    pixelsUp.focus();
    await user.keyboard('{Enter}');
    expect(order().slice(0, 2)).toEqual(['pixels', 'raw']);
    expect(saved(engine).at(-1)!.order.slice(0, 2)).toEqual(['pixels', 'raw']);
    // At the top its Move up is disabled, so the focus went to its Move down, not to the page.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move down: Most pixels' }));
    await user.keyboard(' ');
    expect(order().slice(0, 2)).toEqual(['raw', 'pixels']);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move down: Most pixels' }));
    expect(await screen.findByRole('status')).toBeTruthy();
    expect(screen.getByTestId('keeper-rule-status').textContent).toBe(
      'Saved: the keepers follow this order.',
    );
  });

  it('saves the preferred format and folder', async () => {
    const user = userEvent.setup();
    const { engine } = renderWithEngine(
      <KeeperRuleSettings folders={[{ path: '/photos/Archive', images: 3 }]} />,
      { settings },
    );
    await screen.findByTestId('keeper-rule');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Preferred format' }), 'jpeg');
    expect(saved(engine).at(-1)!.preferredFormat).toBe('jpeg');
    const folder = screen.getByRole('combobox', { name: 'Preferred folder' });
    expect(
      within(folder)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['None', '/photos/Archive']);
    await user.selectOptions(folder, '/photos/Archive');
    expect(saved(engine).at(-1)).toMatchObject({
      preferredFolder: '/photos/Archive',
      preferredFormat: 'jpeg',
    });
  });

  it('moves a criterion one place, never off the list', () => {
    expect(moveCriterion(['raw', 'pixels', 'size'], 1, -1)).toEqual(['pixels', 'raw', 'size']);
    expect(moveCriterion(['raw', 'pixels'], 0, -1)).toEqual(['raw', 'pixels']);
    expect(moveCriterion(['raw', 'pixels'], 1, 1)).toEqual(['raw', 'pixels']);
  });
});
