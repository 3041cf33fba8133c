// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Status } from '../../../shared/contract';
import { renderWithEngine } from '../testing/renderWithEngine';
import { LibraryScreen } from './LibraryScreen';

afterEach(cleanup);

describe('Library screen: protected folders', () => {
  it('protects a folder from its checkbox, named by the folder, and shows the engine’s answer', async () => {
    const user = userEvent.setup();
    const folders: Status['folders'] = [
      { path: '/photos/Master archive', images: 10, protected: false },
      { path: '/photos/phone', images: 4, protected: true },
    ];
    const { engine } = renderWithEngine(<LibraryScreen />, {
      overrides: {
        status: async () => ({
          images: 14,
          model: 'm',
          modelOrigin: 'settings',
          storage: 'embedded',
          dataDir: '/data',
          folders: folders.map((folder) => ({ ...folder })),
          indexing: null,
          lastErrors: [],
        }),
        protectFolder: async ({ path, protected: protect }) => {
          folders.find((folder) => folder.path === path)!.protected = protect;
          return { path, protected: protect };
        },
      },
    });
    const archive = await screen.findByRole('checkbox', { name: 'Protected: /photos/Master archive' });
    const phone = screen.getByRole('checkbox', { name: 'Protected: /photos/phone' });
    expect((archive as HTMLInputElement).checked).toBe(false);
    expect((phone as HTMLInputElement).checked).toBe(true);
    expect(archive.getAttribute('aria-describedby')).toBe('protect-folder-hint');
    expect(document.getElementById('protect-folder-hint')?.textContent).toMatch(/never moved to the Trash/);

    // From the keyboard: Tab to the box, Space to tick it.
    archive.focus();
    await user.keyboard(' ');
    expect(engine.requestsTo('protectFolder')).toEqual([{ path: '/photos/Master archive', protected: true }]);
    await waitFor(() => expect((archive as HTMLInputElement).checked).toBe(true));

    await user.click(phone);
    expect(engine.requestsTo('protectFolder')).toContainEqual({ path: '/photos/phone', protected: false });
    await waitFor(() => expect((phone as HTMLInputElement).checked).toBe(false));
  });

  it('says so when the engine refuses', async () => {
    const user = userEvent.setup();
    renderWithEngine(<LibraryScreen />, {
      status: { folders: [{ path: '/photos/a', images: 1, protected: false }] },
      overrides: {
        protectFolder: async () => {
          throw new Error('/photos/a is not a library folder; nothing was protected.');
        },
      },
    });
    await user.click(await screen.findByRole('checkbox', { name: 'Protected: /photos/a' }));
    expect(await screen.findByText(/nothing was protected/)).toBeTruthy();
  });
});
