// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { copySetScene } from '../testing/copySetScene';
import { renderWithEngine } from '../testing/renderWithEngine';
import { DuplicatesScreen } from './DuplicatesScreen';

afterEach(cleanup);

// One similar group holding two copy sets (A and its backup; B and its smaller re-save) and shot C.
const { c, graph } = copySetScene();

const pathsIn = (element: HTMLElement) =>
  within(element)
    .getAllByTestId('photo-card')
    .map((card) => card.dataset.path);

describe('Copy sets inside a similar group', () => {
  it('frames each set of copies of one picture, named for assistive tech, with the similar shot outside', async () => {
    renderWithEngine(<DuplicatesScreen active />, { graph });
    const [row] = await screen.findAllByTestId('duplicate-group');
    expect(row!.dataset.kind).toBe('similar');
    expect(within(row!).getByTestId('group-summary').textContent).toContain('2 sets of copies');
    const sets = within(row!).getAllByRole('group');
    expect(sets.map((set) => set.getAttribute('aria-label'))).toEqual([
      '2 identical files, keeping A.jpg',
      '2 copies of the same picture, keeping B.jpg',
    ]);
    expect(sets.map(pathsIn)).toEqual([
      ['/p/A.jpg', '/p/backup/A.jpg'],
      ['/p/B.jpg', '/p/web/B.jpg'],
    ]);
    expect(within(sets[0]!).getByText('2 copies')).toBeTruthy();
    // The shot with no copy is in the row but in no set.
    const lone = within(row!)
      .getAllByTestId('photo-card')
      .find((card) => card.dataset.path === c.path);
    expect(lone).toBeDefined();
    expect(sets.some((set) => set.contains(lone!))).toBe(false);
  });

  it('bulk-trashes the copies inside the similar group and never a similar shot, and says so', async () => {
    const { engine } = renderWithEngine(<DuplicatesScreen active />, { graph });
    await screen.findAllByTestId('duplicate-group');
    await act(async () => fireEvent.click(screen.getByTestId('bulk-trash')));
    expect(screen.getByTestId('confirm-dialog').textContent).toContain('Move 2 photos to the Trash?');
    expect(screen.getByTestId('confirm-summary').textContent).toContain(
      'In 1 group (with 2 sets of copies inside similar groups),',
    );
    await act(async () => fireEvent.click(screen.getByTestId('confirm-ok')));
    const [request] = engine.requestsTo('trash') as { paths: string[] }[];
    expect(request!.paths.sort()).toEqual(['/p/backup/A.jpg', '/p/web/B.jpg']);
  });

  it('lists the similar group under "Identical" and "Same picture" too, for the copies it holds', async () => {
    renderWithEngine(<DuplicatesScreen active />, { graph });
    await screen.findAllByTestId('duplicate-group');
    for (const kind of ['identical', 'same-picture']) {
      await act(async () => {
        fireEvent.change(screen.getByTestId('kind-filter'), { target: { value: kind } });
      });
      const rows = screen.getAllByTestId('duplicate-group');
      expect(rows.map((row) => row.dataset.kind)).toEqual(['similar']);
    }
    await act(async () => {
      fireEvent.change(screen.getByTestId('kind-filter'), { target: { value: 'raw+jpeg' } });
    });
    expect(screen.queryAllByTestId('duplicate-group')).toEqual([]);
  });
});
