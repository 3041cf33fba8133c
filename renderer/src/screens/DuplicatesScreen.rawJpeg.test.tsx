// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DuplicatePair, PhotoInfo } from '../../../shared/contract';
import { graphOf, photo, similar } from '../testing/photoFixtures';
import { renderWithEngine } from '../testing/renderWithEngine';
import { DuplicatesScreen } from './DuplicatesScreen';

afterEach(cleanup);

const raw = (path: string) => photo(path, { hash: 'raw-1', format: 'cr2', size: 25_000_000 });
const jpeg = (path: string) => photo(path, { hash: 'jpeg-1', size: 6_000_000 });
const twin = (a: PhotoInfo, b: PhotoInfo): DuplicatePair => ({
  a: a.hash,
  b: b.hash,
  distance: null,
  samePicture: false,
  rawJpeg: true,
});

// Two shots saved RAW+JPEG, one of them also on a backup card, and an ordinary similar pair.
const shot1 = [raw('/Card/IMG_1.CR2'), jpeg('/Card/IMG_1.JPG')];
const shot1Backup = [raw('/Backup/IMG_1.CR2'), jpeg('/Backup/IMG_1.JPG')];
const shot2Raw = photo('/Card/IMG_2.NEF', { hash: 'raw-2', format: 'nef', size: 24_000_000 });
const shot2Jpeg = photo('/Card/IMG_2.JPG', { hash: 'jpeg-2', size: 5_000_000 });
const burstA = photo('/p/burst-1.jpg', { size: 3_000_000 });
const burstB = photo('/p/burst-2.jpg', { size: 1_000_000 });
const graph = graphOf(
  [...shot1, ...shot1Backup, shot2Raw, shot2Jpeg, burstA, burstB],
  [twin(shot1[0]!, shot1[1]!), twin(shot2Raw, shot2Jpeg), similar(burstA, burstB, 0.05)],
);

const kinds = () => screen.getAllByTestId('group-kind').map((badge) => badge.textContent);

describe('RAW+JPEG pairs on the Duplicates screen', () => {
  it('hides plain pairs under "All kinds", says how many, and leaves them out of the space to reclaim', async () => {
    renderWithEngine(<DuplicatesScreen active />, { graph });
    await screen.findAllByTestId('duplicate-group');
    // The copied card is a real duplicate (same picture); the pair alone on the card is one shot.
    expect(kinds()).toEqual(['Same picture', 'Similar']);
    expect(screen.getByTestId('raw-jpeg-hidden').textContent).toContain('1 RAW+JPEG pair hidden');
    expect(screen.getByTestId('duplicates-summary').textContent).toBe('2 groups · 32.0 MB reclaimable');

    await act(async () => fireEvent.click(screen.getByTestId('show-raw-jpeg')));
    expect((screen.getByTestId('kind-filter') as HTMLSelectElement).value).toBe('raw+jpeg');
    expect(kinds()).toEqual(['RAW + JPEG']);
    expect(screen.queryByTestId('raw-jpeg-hidden')).toBeNull();
    expect(screen.getByTestId('duplicates-summary').textContent).toBe('1 group · 0 bytes reclaimable');
  });

  it('bulk trash keeps the kept RAW+JPEG set and trashes the copied card', async () => {
    const { engine } = renderWithEngine(<DuplicatesScreen active />, { graph });
    await screen.findAllByTestId('duplicate-group');
    await act(async () => fireEvent.click(screen.getByTestId('bulk-trash')));
    expect(screen.getByTestId('confirm-summary').textContent).toContain('31.0 MB');
    expect(screen.queryByTestId('confirm-left-for-review')).toBeNull();
    await act(async () => fireEvent.click(screen.getByTestId('confirm-ok')));
    const [request] = engine.requestsTo('trash') as { paths: string[] }[];
    expect(request!.paths.sort()).toEqual(['/Backup/IMG_1.CR2', '/Backup/IMG_1.JPG']);
  });
});
