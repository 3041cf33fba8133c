// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { foreignPath } from '../../../shared/machines/machine-paths';
import { renderWithEngine } from '../testing/renderWithEngine';
import { LibraryScreen } from './LibraryScreen';

afterEach(cleanup);

describe('Library screen: an index shared by several computers', () => {
  it('lists another computer’s folder by its path there and its computer, with nothing to do to it here', async () => {
    renderWithEngine(<LibraryScreen />, {
      overrides: {
        status: async () => ({
          images: 14,
          model: 'm',
          modelOrigin: 'settings',
          storage: 'server',
          dataDir: '/data',
          folders: [
            { path: '/Users/anna/Pictures', images: 10, protected: false },
            {
              path: foreignPath('b'.repeat(32), '/Users/anna/Pictures'),
              images: 4,
              protected: true,
              machine: 'Bert’s PC',
            },
          ],
          indexing: null,
          lastErrors: [],
          machine: { id: 'a'.repeat(32), name: 'Anna’s MacBook' },
        }),
      },
    });
    await screen.findAllByTestId('folder-row');
    const [mine, bertsRow] = screen.getAllByTestId('folder-row') as [HTMLElement, HTMLElement];
    expect(within(mine).getByTestId('remove-folder')).toBeTruthy();
    expect(within(bertsRow).getByTestId('folder-path').textContent).toBe('/Users/anna/Pictures');
    expect(within(bertsRow).getByTestId('folder-machine').textContent).toBe(
      'On Bert’s PC, protected: This folder lives on Bert’s PC; open Doppel there to update, protect or remove it.',
    );
    expect(within(bertsRow).queryByRole('button')).toBeNull();
    expect(within(bertsRow).queryByRole('checkbox')).toBeNull();
  });
});
