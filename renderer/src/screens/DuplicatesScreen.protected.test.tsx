// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_KEEPER_RULE, type DuplicateGraph } from '../../../shared/contract';
import { installModalDialogFallback } from '../testing/modalDialogFallback';
import { graphOf, photo } from '../testing/photoFixtures';
import { renderWithEngine } from '../testing/renderWithEngine';
import { DuplicatesScreen } from './DuplicatesScreen';

beforeAll(installModalDialogFallback);
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

// Three identical files: the card's copy has the shortest path (the keeper without protection).
const archived = photo('/Volumes/Master archive/2024/IMG_0001.jpg', { hash: 'same' });
const alsoArchived = photo('/Volumes/Master archive/old/IMG_0001.jpg', { hash: 'same' });
const copy = photo('/card/IMG_0001.jpg', { hash: 'same' });
const protectedGraph = graphOf([archived, alsoArchived, copy], [], {
  protectedFolders: ['/Volumes/Master archive'],
});

const card = (path: string) =>
  screen.getAllByTestId('photo-card').find((element) => element.dataset.path === path)!;

describe('Duplicates: protected folders', () => {
  it('keeps the protected photo, says why on its card, and badges every protected card accessibly', async () => {
    renderWithEngine(<DuplicatesScreen active />, { graph: protectedGraph });
    await screen.findAllByTestId('duplicate-group');
    const keeper = screen.getByTestId('keeper-badge').closest<HTMLElement>('[data-testid="photo-card"]')!;
    expect([archived.path, alsoArchived.path]).toContain(keeper.dataset.path);
    expect(within(keeper).getByTestId('keeper-reason').textContent).toBe(
      'Keeper: in protected folder Master archive',
    );
    for (const path of [archived.path, alsoArchived.path]) {
      expect(within(card(path)).getByTestId('protected-badge').textContent).toBe(
        '🔒 Protected: In the protected folder Master archive: Doppel never trashes it',
      );
      expect(card(path).getAttribute('aria-label')).toMatch(/, protected$/);
    }
    expect(within(card(copy.path)).queryByTestId('protected-badge')).toBeNull();
  });

  it('moves only the unprotected copy with "Move others to Trash"', async () => {
    const user = userEvent.setup();
    const { engine } = renderWithEngine(<DuplicatesScreen active />, { graph: protectedGraph });
    await screen.findAllByTestId('duplicate-group');
    const button = screen.getByTestId('trash-others');
    expect(button.textContent).toBe('Move 1 other to Trash');
    expect(button.getAttribute('title')).toMatch(/1 photo in a protected folder stays/);
    await user.click(button);
    expect(engine.requestsTo('trash')).toEqual([{ paths: [copy.path] }]);
  });

  it('leaves protected photos out of the bulk trash, and the confirmation says why', async () => {
    const user = userEvent.setup();
    const { engine } = renderWithEngine(<DuplicatesScreen active />, { graph: protectedGraph });
    await screen.findAllByTestId('duplicate-group');
    await user.click(screen.getByTestId('bulk-trash'));
    expect(screen.getByTestId('confirm-dialog').textContent).toContain('Move 1 photo to the Trash?');
    expect(screen.getByTestId('confirm-protected-kept').textContent).toMatch(
      /^2 photos in a protected folder stay .*Doppel never trashes a photo in a protected folder\.$/,
    );
    await user.click(screen.getByTestId('confirm-ok'));
    expect(engine.requestsTo('trash')).toEqual([{ paths: [copy.path] }]);
  });

  it('refuses T on a protected photo, saying why, without asking the engine', async () => {
    const user = userEvent.setup();
    const { engine } = renderWithEngine(<DuplicatesScreen active />, { graph: protectedGraph });
    await screen.findAllByTestId('duplicate-group');
    // The keeper has the focus first: it is in the protected folder.
    await user.keyboard('t');
    expect(engine.requestsTo('trash')).toEqual([]);
    expect(
      screen.getByText(/is in a protected folder \(Master archive\); Doppel never trashes it\./),
    ).toBeTruthy();
  });
});

describe('Duplicates: keeper rule and export', () => {
  it('applies a changed rule with the next graph, no rescan, and says why on the keeper', async () => {
    const heic = photo('/p/IMG_2.HEIC', { hash: 'two', width: 3000, height: 2000 });
    const jpeg = photo('/p/IMG_2.jpg', { hash: 'two' });
    let current: DuplicateGraph = graphOf([heic, jpeg], []);
    const { engine } = renderWithEngine(<DuplicatesScreen active />, {
      overrides: { duplicateGraph: async () => current },
    });
    await screen.findAllByTestId('duplicate-group');
    const keeperCard = () =>
      screen.getByTestId('keeper-badge').closest<HTMLElement>('[data-testid="photo-card"]')!;
    expect(keeperCard().dataset.path).toBe(jpeg.path);
    expect(within(keeperCard()).getByTestId('keeper-reason').textContent).toBe('Keeper: most pixels');

    current = { ...current, keeperRule: { ...DEFAULT_KEEPER_RULE, order: ['format', 'pixels'] } };
    engine.emit('libraryChanged', { reason: 'settings' });
    await waitFor(() => expect(keeperCard().dataset.path).toBe(heic.path));
    expect(within(keeperCard()).getByTestId('keeper-reason').textContent).toBe('Keeper: HEIC preferred');
    expect(engine.requestsTo('indexFolders')).toEqual([]);
  });

  it('exports the groups shown as CSV and JSON files', async () => {
    const user = userEvent.setup();
    const saved: Blob[] = [];
    const names: string[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved.push(blob as Blob);
      return 'blob:export';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    renderWithEngine(<DuplicatesScreen active />, { graph: protectedGraph });
    await screen.findAllByTestId('duplicate-group');

    await user.click(screen.getByRole('button', { name: 'CSV' }));
    await user.click(screen.getByRole('button', { name: 'JSON' }));
    expect(names).toEqual(['doppel-duplicates.csv', 'doppel-duplicates.json']);
    const csv = await saved[0]!.text();
    expect(csv.replace(/^\ufeff/, '').split('\r\n')[0]).toMatch(/^group,kind,role,path,/);
    expect(csv.split('\r\n').filter((line) => line.startsWith('1,identical,'))).toHaveLength(3);
    const json = JSON.parse(await saved[1]!.text());
    expect(json.groups).toHaveLength(1);
    expect(json.groups[0].items.filter((item: { protected: boolean }) => item.protected)).toHaveLength(2);
    expect(json.groups[0].keeperReason).toBe('Keeper: in protected folder Master archive');
  });
});
