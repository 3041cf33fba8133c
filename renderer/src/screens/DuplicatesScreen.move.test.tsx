// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineError } from '../api/errors';
import { graphOf, photo, similar } from '../testing/photoFixtures';
import { renderWithEngine } from '../testing/renderWithEngine';
import { DuplicatesScreen } from './DuplicatesScreen';

afterEach(cleanup);

const keeper = photo('/p/a.jpg', { width: 6000 });
const copy = photo('/p/backup/a.jpg');
const graph = graphOf([keeper, copy], [similar(keeper, copy, 0.05)]);

describe('Move the others to a folder', () => {
  it('asks for the folder in the browser, shows a refusal there, then moves and leaves the list', async () => {
    const user = userEvent.setup();
    let refuse = true;
    const { engine } = renderWithEngine(<DuplicatesScreen active />, {
      graph,
      overrides: {
        moveToFolder: async ({ paths, destination }) => {
          if (refuse)
            throw new EngineError(
              `${destination} is in the library (/p): pick a folder outside it.`,
              'folder',
            );
          return { moved: paths.map((path) => ({ path, to: `${destination}/a.jpg` })), failed: [] };
        },
      },
    });
    const [group] = await screen.findAllByTestId('duplicate-group');
    await user.click(within(group!).getByTestId('move-others'));
    const field = screen.getByTestId('move-destination');
    expect(document.activeElement).toBe(field);
    await user.type(field, '/p/sorted');
    await user.click(screen.getByTestId('move-ok'));
    expect((await screen.findByTestId('move-error')).textContent).toContain('is in the library');
    expect(screen.getAllByTestId('duplicate-group')).toHaveLength(1);

    refuse = false;
    await user.clear(field);
    await user.type(field, '/archive{Enter}');
    expect(engine.requestsTo('moveToFolder').at(-1)).toEqual({ paths: [copy.path], destination: '/archive' });
    expect(await screen.findByTestId('notice')).toHaveProperty(
      'textContent',
      expect.stringContaining('Moved 1 photo to /archive.'),
    );
    expect(screen.queryByTestId('move-dialog')).toBeNull();
    expect(screen.queryAllByTestId('duplicate-group')).toHaveLength(0);
  });

  it('uses the desktop folder dialog where there is one', async () => {
    const user = userEvent.setup();
    const { engine } = renderWithEngine(<DuplicatesScreen active />, { graph });
    engine.client.pickFolders = async () => ['/Volumes/Archive'];
    const [group] = await screen.findAllByTestId('duplicate-group');
    await user.click(within(group!).getByTestId('move-others'));
    await screen.findByTestId('notice');
    expect(screen.queryByTestId('move-dialog')).toBeNull();
    expect(engine.requestsTo('moveToFolder')).toEqual([
      { paths: [copy.path], destination: '/Volumes/Archive' },
    ]);
  });
});
