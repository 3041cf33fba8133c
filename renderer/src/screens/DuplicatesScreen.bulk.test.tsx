// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { graphOf, photo, similar } from '../testing/photoFixtures';
import { renderWithEngine } from '../testing/renderWithEngine';
import { DuplicatesScreen } from './DuplicatesScreen';

afterEach(cleanup);

const original = photo('/p/original.jpg', { hash: 'h1', size: 4_000_000 });
const copy = photo('/p/backup/original.jpg', { hash: 'h1', size: 4_000_000 });
const big = photo('/p/big.jpg', { width: 6000, height: 4000, size: 6_000_000 });
const resaved = photo('/p/big-small.jpg', { width: 1200, height: 800, size: 500_000 });
const burstA = photo('/p/burst-1.jpg', { size: 3_000_000 });
const burstB = photo('/p/burst-2.jpg', { size: 2_000_000 });
const graph = graphOf(
  [original, copy, big, resaved, burstA, burstB],
  [{ a: big.hash, b: resaved.hash, distance: 0.01, samePicture: true }, similar(burstA, burstB, 0.05)],
);

describe('Bulk trash', () => {
  it('asks first, with the file count and space, then trashes all but the keeper of identical and same-picture groups', async () => {
    const { engine } = renderWithEngine(<DuplicatesScreen active />, { graph });
    await screen.findAllByTestId('duplicate-group');
    expect(screen.getByTestId('duplicates-summary').textContent).toBe('3 groups · 6.5 MB reclaimable');

    await act(async () => fireEvent.click(screen.getByTestId('bulk-trash')));
    const dialog = screen.getByTestId('confirm-dialog');
    expect(dialog.textContent).toContain('Move 2 photos to the Trash?');
    expect(screen.getByTestId('confirm-summary').textContent).toContain('4.5 MB');
    expect(engine.requestsTo('trash')).toEqual([]);

    await act(async () => fireEvent.click(screen.getByTestId('confirm-ok')));
    expect(engine.requestsTo('trash')).toHaveLength(1);
    const [request] = engine.requestsTo('trash') as { paths: string[] }[];
    expect(request!.paths.sort()).toEqual(['/p/backup/original.jpg', '/p/big-small.jpg']);
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    // Only the similar group is left.
    expect(screen.getAllByTestId('group-kind').map((badge) => badge.textContent)).toEqual(['Similar']);
  });

  it('does nothing when the dialog is cancelled', async () => {
    const { engine } = renderWithEngine(<DuplicatesScreen active />, { graph });
    await screen.findAllByTestId('duplicate-group');
    await act(async () => fireEvent.click(screen.getByTestId('bulk-trash')));
    await act(async () => fireEvent.click(screen.getByTestId('confirm-cancel')));
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    expect(engine.requestsTo('trash')).toEqual([]);
  });

  it('leaves a same-picture copy with a larger file than the keeper for review, and says so', async () => {
    const keeper = photo('/p/IMG_1.jpg', { width: 4000, height: 3000, size: 3_000_000 });
    const smaller = photo('/p/IMG_1-small.jpg', { width: 2000, height: 1500, size: 800_000 });
    // Cropped and saved at a higher quality: fewer pixels, but a larger file than the keeper.
    const brightened = photo('/p/IMG_1-edit.jpg', { width: 3600, height: 2700, size: 3_500_000 });
    const samePicture = (other: typeof keeper) => ({
      a: keeper.hash,
      b: other.hash,
      distance: 0.01,
      samePicture: true,
    });
    const { engine } = renderWithEngine(<DuplicatesScreen active />, {
      graph: graphOf(
        [keeper, smaller, brightened],
        [samePicture(smaller), samePicture(brightened), { ...samePicture(smaller), a: brightened.hash }],
      ),
    });
    await screen.findAllByTestId('duplicate-group');
    await act(async () => fireEvent.click(screen.getByTestId('bulk-trash')));
    expect(screen.getByTestId('confirm-dialog').textContent).toContain('Move 1 photo to the Trash?');
    expect(screen.getByTestId('confirm-left-for-review').textContent).toContain(
      '1 copy stays for you to review',
    );
    await act(async () => fireEvent.click(screen.getByTestId('confirm-ok')));
    expect(engine.requestsTo('trash')).toEqual([{ paths: ['/p/IMG_1-small.jpg'] }]);
  });

  it('is unavailable when only similar groups are shown', async () => {
    renderWithEngine(<DuplicatesScreen active />, { graph });
    await screen.findAllByTestId('duplicate-group');
    await act(async () => {
      fireEvent.change(screen.getByTestId('kind-filter'), { target: { value: 'similar' } });
    });
    expect((screen.getByTestId('bulk-trash') as HTMLButtonElement).disabled).toBe(true);
  });
});
