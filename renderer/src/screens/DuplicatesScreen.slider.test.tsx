// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { graphOf, photo, similar } from '../testing/photoFixtures';
import { renderWithEngine } from '../testing/renderWithEngine';
import { DuplicatesScreen } from './DuplicatesScreen';

afterEach(cleanup);

// Two tight pairs (A,B at 0.05 and C,D at 0.06) whose cross distances are all around 0.2: at a low threshold
// they are two groups, and once the threshold passes every cross pair, complete linkage merges them into one.
const a = photo('/photos/a.jpg');
const b = photo('/photos/b.jpg');
const c = photo('/photos/c.jpg');
const d = photo('/photos/d.jpg');
const graph = graphOf(
  [a, b, c, d],
  [
    similar(a, b, 0.05),
    similar(c, d, 0.06),
    similar(a, c, 0.2),
    similar(a, d, 0.21),
    similar(b, c, 0.22),
    similar(b, d, 0.23),
  ],
  { maxDistance: 0.4, defaultThreshold: 0.1 },
);

async function moveSlider(value: number) {
  await act(async () => {
    fireEvent.change(screen.getByTestId('threshold-slider'), { target: { value: String(value) } });
  });
}

function groupPaths(): string[][] {
  return screen.getAllByTestId('duplicate-group').map((group) =>
    within(group)
      .getAllByTestId('photo-card')
      .map((card) => card.dataset.path!)
      .sort(),
  );
}

describe('Duplicates slider', () => {
  it('starts at the graph’s default threshold with the slider spanning 0 to maxDistance', async () => {
    renderWithEngine(<DuplicatesScreen active />, { graph });
    const slider = (await screen.findByTestId('threshold-slider')) as HTMLInputElement;
    expect(slider.value).toBe('0.1');
    expect(slider.min).toBe('0');
    expect(slider.max).toBe('0.4');
    expect(slider.step).toBe('0.005');
    expect(screen.getByTestId('threshold-value').textContent).toBe('0.100');
    expect(groupPaths()).toEqual([
      ['/photos/a.jpg', '/photos/b.jpg'],
      ['/photos/c.jpg', '/photos/d.jpg'],
    ]);
  });

  it('merges the two groups when the threshold goes up and splits them again when it goes down', async () => {
    const { engine } = renderWithEngine(<DuplicatesScreen active />, { graph });
    await screen.findAllByTestId('duplicate-group');

    await moveSlider(0.25);
    expect(screen.getByTestId('threshold-value').textContent).toBe('0.250');
    expect(groupPaths()).toEqual([['/photos/a.jpg', '/photos/b.jpg', '/photos/c.jpg', '/photos/d.jpg']]);
    expect(screen.getByTestId('duplicates-summary').textContent).toContain('1 group');

    await moveSlider(0.1);
    expect(screen.getAllByTestId('duplicate-group')).toHaveLength(2);

    // Only the last cross pair (0.23) is missing at 0.225: complete linkage must refuse to chain into one group.
    await moveSlider(0.225);
    expect(screen.getAllByTestId('duplicate-group')).toHaveLength(2);

    await moveSlider(0.03);
    expect(screen.queryAllByTestId('duplicate-group')).toHaveLength(0);
    expect(screen.getByTestId('duplicates-none')).toBeTruthy();

    // Regrouping is client-side: the graph was fetched once, whatever the slider did.
    expect(engine.requestsTo('duplicateGraph')).toHaveLength(1);
  });

  it('refetches the graph when the library changes', async () => {
    const { engine } = renderWithEngine(<DuplicatesScreen active />, { graph });
    await screen.findAllByTestId('duplicate-group');
    await act(async () => engine.emit('libraryChanged', { reason: 'indexed' }));
    expect(engine.requestsTo('duplicateGraph')).toHaveLength(2);
  });

  it('filters groups by kind', async () => {
    const x = photo('/photos/x.jpg', { hash: 'same-bytes' });
    const y = photo('/photos/copy/x.jpg', { hash: 'same-bytes' });
    renderWithEngine(<DuplicatesScreen active />, { graph: graphOf([a, b, x, y], [similar(a, b, 0.05)]) });
    await screen.findAllByTestId('duplicate-group');
    expect(
      screen
        .getAllByTestId('group-kind')
        .map((badge) => badge.textContent)
        .sort(),
    ).toEqual(['Identical', 'Similar']);

    await act(async () => {
      fireEvent.change(screen.getByTestId('kind-filter'), { target: { value: 'identical' } });
    });
    expect(screen.getAllByTestId('group-kind').map((badge) => badge.textContent)).toEqual(['Identical']);
  });
});
