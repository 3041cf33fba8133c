// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { graphOf, photo, similar } from '../testing/photoFixtures';
import { renderWithEngine } from '../testing/renderWithEngine';
import { DuplicatesScreen } from './DuplicatesScreen';

afterEach(cleanup);

// The small export is listed first in the graph; the keeper rule (most pixels) must still put the original first.
const exported = photo('/photos/export/IMG_1.jpg', { width: 2000, height: 1500, size: 800_000 });
const original = photo('/photos/IMG_1.jpg', { width: 6000, height: 4500, size: 8_000_000 });
const graph = graphOf([exported, original], [similar(exported, original, 0.02)]);

function fieldDiffers(card: HTMLElement, field: string): string | undefined {
  return within(card).getByTestId(`photo-field-${field}`).dataset.differs;
}

describe('Duplicates keeper display', () => {
  it('shows the suggested keeper first, marked, with the distance to it on the others', async () => {
    renderWithEngine(<DuplicatesScreen active />, { graph });
    const [keeperCard, otherCard] = await screen.findAllByTestId('photo-card');

    expect(keeperCard!.dataset.path).toBe('/photos/IMG_1.jpg');
    expect(within(keeperCard!).getByTestId('keeper-badge').textContent).toContain('Keep');
    expect(within(otherCard!).queryByTestId('keeper-badge')).toBeNull();
    expect(within(otherCard!).getByTestId('photo-distance').textContent).toBe('Distance 0.02');
    expect(screen.getByTestId('group-summary').textContent).toBe('2 photos · 800 KB to reclaim');
  });

  it('marks the fields that differ inside the group and colours the copies’ values that differ from the keeper', async () => {
    renderWithEngine(<DuplicatesScreen active />, { graph });
    const cards = await screen.findAllByTestId('photo-card');
    for (const card of cards) {
      expect(fieldDiffers(card, 'resolution')).toBe('true');
      expect(fieldDiffers(card, 'size')).toBe('true');
      expect(fieldDiffers(card, 'folder')).toBe('true');
      expect(fieldDiffers(card, 'date')).toBe('false');
      expect(fieldDiffers(card, 'format')).toBe('false');
    }
    // The colour goes on the copy's values that differ from the keeper; the keeper gets a quiet mark.
    expect(within(cards[1]!).getByTestId('photo-field-resolution').className).toContain('is-different');
    expect(within(cards[0]!).getByTestId('photo-field-resolution').className).toContain('is-varying');
    expect(within(cards[0]!).getByTestId('photo-field-resolution').className).not.toContain('is-different');
    expect(within(cards[1]!).getByTestId('photo-field-date').className).not.toContain('is-different');
  });

  it('leaves a copy’s value plain when it matches the keeper, even if the field varies in the group', async () => {
    const sameSize = photo('/photos/copy/IMG_1.jpg', { width: 6000, height: 4500, size: 5_000_000 });
    const three = graphOf(
      [exported, original, sameSize],
      [
        similar(exported, original, 0.02),
        similar(sameSize, original, 0.01),
        similar(exported, sameSize, 0.02),
      ],
    );
    renderWithEngine(<DuplicatesScreen active />, { graph: three });
    const cards = await screen.findAllByTestId('photo-card');
    const byPath = (path: string) => cards.find((card) => card.dataset.path === path)!;
    expect(byPath(original.path).dataset.path).toBe(cards[0]!.dataset.path);
    const resolution = (path: string) => within(byPath(path)).getByTestId('photo-field-resolution');
    expect(resolution(sameSize.path).dataset.differs).toBe('true');
    expect(resolution(sameSize.path).className).not.toContain('is-different');
    expect(resolution(exported.path).className).toContain('is-different');
  });

  it('“Keep this” moves the badge, and “Trash others” then trashes everything but the chosen keeper', async () => {
    const { engine } = renderWithEngine(<DuplicatesScreen active />, { graph });
    await screen.findAllByTestId('photo-card');

    await act(async () => fireEvent.click(screen.getByTestId('keep-this')));
    const cards = screen.getAllByTestId('photo-card');
    expect(cards.map((card) => card.dataset.path)).toEqual(['/photos/export/IMG_1.jpg', '/photos/IMG_1.jpg']);
    expect(within(cards[0]!).getByTestId('keeper-badge')).toBeTruthy();
    expect(screen.getByTestId('group-summary').textContent).toContain('8.0 MB to reclaim');

    await act(async () => fireEvent.click(screen.getByTestId('trash-others')));
    expect(engine.requestsTo('trash')).toEqual([{ paths: ['/photos/IMG_1.jpg'] }]);
  });
});
