// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { graphOf, photo, similar } from '../testing/photoFixtures';
import { renderWithEngine } from '../testing/renderWithEngine';
import { DuplicatesScreen } from './DuplicatesScreen';

afterEach(cleanup);

// Group 1 holds more space than group 2, so it is listed first. In each group the larger photo is the keeper.
const a = photo('/trip/a.jpg', { width: 6000, height: 4000, size: 9_000_000 });
const b = photo('/trip/b.jpg', { width: 3000, height: 2000, size: 5_000_000 });
const c = photo('/home/c.jpg', { width: 6000, height: 4000, size: 3_000_000 });
const d = photo('/home/d.jpg', { width: 3000, height: 2000, size: 1_000_000 });
const graph = graphOf([a, b, c, d], [similar(a, b, 0.04), similar(c, d, 0.05)]);

async function press(key: string) {
  await act(async () => {
    fireEvent.keyDown(document.body, { key });
  });
}

function focusedPath(): string | undefined {
  const focused = screen.getAllByTestId('photo-card').filter((card) => card.dataset.focused === 'true');
  expect(focused).toHaveLength(1);
  return focused[0]!.dataset.path;
}

function cardPaths(groupIndex: number): string[] {
  const group = screen.getAllByTestId('duplicate-group')[groupIndex]!;
  return within(group)
    .getAllByTestId('photo-card')
    .map((card) => card.dataset.path!);
}

function keeperPath(groupIndex: number): string | undefined {
  const group = screen.getAllByTestId('duplicate-group')[groupIndex]!;
  const badge = within(group).getByTestId('keeper-badge');
  return badge.closest<HTMLElement>('[data-testid="photo-card"]')?.dataset.path;
}

describe('Duplicates keyboard', () => {
  it('moves between photos with left/right and between groups with up/down', async () => {
    renderWithEngine(<DuplicatesScreen active />, { graph });
    await screen.findAllByTestId('duplicate-group');
    expect(focusedPath()).toBe('/trip/a.jpg');

    await press('ArrowRight');
    expect(focusedPath()).toBe('/trip/b.jpg');
    await press('ArrowRight'); // already at the end of the row
    expect(focusedPath()).toBe('/trip/b.jpg');

    await press('ArrowDown');
    expect(focusedPath()).toBe('/home/d.jpg');
    await press('ArrowLeft');
    expect(focusedPath()).toBe('/home/c.jpg');
    await press('ArrowUp');
    expect(focusedPath()).toBe('/trip/a.jpg');
  });

  it('K makes the focused photo the keeper: the badge moves and the photo goes first', async () => {
    renderWithEngine(<DuplicatesScreen active />, { graph });
    await screen.findAllByTestId('duplicate-group');
    expect(keeperPath(0)).toBe('/trip/a.jpg');

    await press('ArrowRight');
    await press('k');

    expect(keeperPath(0)).toBe('/trip/b.jpg');
    expect(cardPaths(0)).toEqual(['/trip/b.jpg', '/trip/a.jpg']);
    expect(screen.getAllByTestId('keeper-badge')).toHaveLength(2);
    expect(focusedPath()).toBe('/trip/b.jpg');
    // The other group is untouched.
    expect(keeperPath(1)).toBe('/home/c.jpg');
  });

  it('T trashes only the focused photo, and the list updates without waiting for the engine', async () => {
    const { engine } = renderWithEngine(<DuplicatesScreen active />, { graph });
    await screen.findAllByTestId('duplicate-group');

    await press('ArrowDown');
    await press('ArrowRight');
    await press('t');

    expect(engine.requestsTo('trash')).toEqual([{ paths: ['/home/d.jpg'] }]);
    expect(screen.getAllByTestId('duplicate-group')).toHaveLength(1);
    expect(cardPaths(0)).toEqual(['/trip/a.jpg', '/trip/b.jpg']);
  });

  it('N marks the focused group as not duplicates', async () => {
    const { engine } = renderWithEngine(<DuplicatesScreen active />, { graph });
    await screen.findAllByTestId('duplicate-group');

    await press('ArrowDown');
    await press('n');

    expect(engine.requestsTo('markNotDuplicates')).toEqual([{ paths: ['/home/c.jpg', '/home/d.jpg'] }]);
    expect(cardPaths(0)).toEqual(['/trip/a.jpg', '/trip/b.jpg']);
    expect(screen.getAllByTestId('duplicate-group')).toHaveLength(1);
  });

  it('Enter opens the focused photo full size, but presses a focused button instead', async () => {
    renderWithEngine(<DuplicatesScreen active />, { graph });
    await screen.findAllByTestId('duplicate-group');

    await act(async () => {
      fireEvent.keyDown(screen.getAllByTestId('trash-others')[0]!, { key: 'Enter' });
    });
    expect(screen.queryByTestId('full-image-viewer')).toBeNull();

    await press('ArrowRight');
    await press('Enter');
    expect(screen.getByTestId('full-image-viewer').getAttribute('aria-label')).toBe('Full size: b.jpg');
  });

  it('leaves the keys alone while the user types in a field', async () => {
    const { engine } = renderWithEngine(<DuplicatesScreen active />, { graph });
    await screen.findAllByTestId('duplicate-group');
    const slider = screen.getByTestId('threshold-slider');
    await act(async () => {
      fireEvent.keyDown(slider, { key: 't' });
      fireEvent.keyDown(slider, { key: 'ArrowRight' });
    });
    expect(engine.requestsTo('trash')).toEqual([]);
    expect(focusedPath()).toBe('/trip/a.jpg');
  });
});
