// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../App';
import type { FakeEngineOptions } from '../testing/fakeEngine';
import { graphOf, photo, similar } from '../testing/photoFixtures';
import { renderWithEngine } from '../testing/renderWithEngine';

beforeEach(() => window.history.replaceState(null, '', '#/duplicates'));
afterEach(cleanup);

const keeper = photo('/p/a.jpg', { width: 6000 });
const copy = photo('/p/b.jpg');
const graph = graphOf([keeper, copy], [similar(keeper, copy, 0.05)]);
const ACTION = '0f0e0d0c-0b0a-4909-8807-060504030201';

/** Shows the app over `graph`, trashes the group's copy as an action it can undo, and answers an undo with `restore`. */
async function trashTheCopy(restore: NonNullable<FakeEngineOptions['overrides']>['restoreTrashed']) {
  const user = userEvent.setup();
  const { engine } = renderWithEngine(<App />, {
    graph,
    overrides: {
      trash: async ({ paths }) => ({ trashed: paths, failed: [], actionId: ACTION, restorable: true }),
      restoreTrashed: restore,
    },
  });
  const [group] = await screen.findAllByTestId('duplicate-group');
  await user.click(within(group!).getByTestId('trash-others'));
  return { user, engine };
}

describe('Undo after a trash', () => {
  it('stays offered after going to another screen and back, and puts the photos back', async () => {
    const { user, engine } = await trashTheCopy(async () => ({ restored: [copy.path], failed: [] }));
    expect((await screen.findByTestId('undo-notice')).textContent).toContain('Moved 1 photo to the Trash.');

    await user.click(screen.getByTestId('nav-library'));
    expect(screen.getByTestId('screen-duplicates').hidden).toBe(true);
    await user.click(screen.getByTestId('nav-search'));
    await user.click(screen.getByTestId('nav-duplicates'));

    await user.click(screen.getByTestId('undo-trash'));
    expect(engine.requestsTo('restoreTrashed')).toEqual([{ actionIds: [ACTION] }]);
    expect((await screen.findByTestId('undo-outcome')).textContent).toBe('Put back 1 photo.');
    expect(screen.queryByTestId('undo-trash')).toBeNull();
  });

  it('undoes with Ctrl+Z, except while typing in a field', async () => {
    const { user, engine } = await trashTheCopy(async () => ({ restored: [copy.path], failed: [] }));
    await screen.findByTestId('undo-trash');
    await user.click(screen.getByTestId('nav-library'));
    await user.click(screen.getByTestId('folder-path-input'));
    await user.keyboard('{Control>}z{/Control}');
    expect(engine.requestsTo('restoreTrashed')).toEqual([]);
    await user.click(screen.getByTestId('nav-duplicates'));
    await user.keyboard('{Control>}z{/Control}');
    expect(engine.requestsTo('restoreTrashed')).toEqual([{ actionIds: [ACTION] }]);
    expect((await screen.findByTestId('undo-outcome')).textContent).toBe('Put back 1 photo.');
  });

  it('says what stayed in the Trash and why', async () => {
    const { user } = await trashTheCopy(async () => ({
      restored: [],
      failed: [{ path: copy.path, error: 'a file of that name is there now, so it was left in the trash' }],
    }));
    await user.click(await screen.findByTestId('undo-trash'));
    expect((await screen.findByTestId('undo-outcome')).textContent).toBe(
      'Nothing was put back. b.jpg stayed in the Trash: a file of that name is there now, so it was left in the trash.',
    );
  });

  it('offers the system Trash instead where Doppel cannot put the photos back', async () => {
    const user = userEvent.setup();
    const opened: string[] = [];
    renderWithEngine(<App />, {
      graph,
      openTrash: async () => {
        opened.push('trash');
        return true;
      },
      overrides: {
        trash: async ({ paths }) => ({ trashed: paths, failed: [], actionId: null, restorable: false }),
      },
    });
    const [group] = await screen.findAllByTestId('duplicate-group');
    await user.click(within(group!).getByTestId('trash-others'));
    const notice = await screen.findByTestId('undo-notice');
    expect(notice.textContent).toContain('Doppel cannot put them back from the system Trash');
    expect(screen.queryByTestId('undo-trash')).toBeNull();
    await user.click(screen.getByTestId('open-trash'));
    expect(opened).toEqual(['trash']);
  });
});

describe('Keeping the copies’ metadata before a trash', () => {
  afterEach(() => window.localStorage.removeItem('doppel.keepMetadata'));

  it('asks the engine to keep it first (on by default), says so, and trashes nothing it could not keep', async () => {
    const user = userEvent.setup();
    const { engine } = renderWithEngine(<App />, {
      graph,
      overrides: {
        keepMetadata: async () => ({ kept: [], failed: [{ path: keeper.path, error: 'read-only drive' }] }),
      },
    });
    const [group] = await screen.findAllByTestId('duplicate-group');
    expect((screen.getByTestId('keep-metadata') as HTMLInputElement).checked).toBe(true);
    await user.click(within(group!).getByTestId('trash-others'));
    expect(engine.requestsTo('keepMetadata')).toEqual([
      { sets: [{ keeper: keeper.path, copies: [copy.path] }] },
    ]);
    expect(engine.requestsTo('trash')).toEqual([]);
    expect((await screen.findByTestId('undo-notice')).textContent).toContain('kept back: read-only drive');
  });

  it('goes straight to the trash when turned off', async () => {
    const user = userEvent.setup();
    const { engine } = renderWithEngine(<App />, { graph });
    const [group] = await screen.findAllByTestId('duplicate-group');
    await user.click(screen.getByTestId('keep-metadata'));
    await user.click(within(group!).getByTestId('trash-others'));
    expect(engine.requestsTo('keepMetadata')).toEqual([]);
    expect(engine.requestsTo('trash')).toEqual([{ paths: [copy.path] }]);
  });
});
