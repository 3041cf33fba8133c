// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DuplicatePair } from '../../../shared/contract';
import { formatBytes } from '../format/formatBytes';
import { graphOf, photo, similar } from '../testing/photoFixtures';
import { renderWithEngine } from '../testing/renderWithEngine';
import { DuplicatesScreen } from './DuplicatesScreen';

afterEach(cleanup);

// One similar group: shot A kept twice byte for byte, shot B with a smaller re-save, shot C once.
const a = photo('/p/A.jpg', { hash: 'a', size: 5_000_000 });
const aBackup = photo('/p/backup/A.jpg', { hash: 'a', size: 5_000_000 });
const b = photo('/p/B.jpg', { size: 4_000_000 });
const bSmall = photo('/p/web/B.jpg', { width: 1600, height: 1200, size: 600_000 });
const c = photo('/p/C.jpg', { size: 3_000_000 });
const shots = [a, b, bSmall, c];
const pairs: DuplicatePair[] = [{ a: b.hash, b: bSmall.hash, distance: 0.01, samePicture: true }];
for (let i = 0; i < shots.length; i++)
  for (let j = i + 1; j < shots.length; j++)
    if (!(shots[i] === b && shots[j] === bSmall)) pairs.push(similar(shots[i]!, shots[j]!, 0.05));
const graph = graphOf([a, aBackup, b, bSmall, c], pairs);

const summary = () => screen.getByTestId('duplicates-summary').textContent;

describe('Counting copy sets inside a similar group', () => {
  it('counts under "Same picture" and "Identical" only the space that kind of copies frees', async () => {
    renderWithEngine(<DuplicatesScreen active />, { graph });
    await screen.findAllByTestId('duplicate-group');
    // All kinds: the whole group, similar shots included (A is the keeper: the most pixels, then the largest).
    expect(summary()).toBe(
      `1 group · ${formatBytes(5_000_000 + 4_000_000 + 600_000 + 3_000_000)} reclaimable`,
    );
    await act(async () =>
      fireEvent.change(screen.getByTestId('kind-filter'), { target: { value: 'same-picture' } }),
    );
    expect(summary()).toBe(`1 group · ${formatBytes(600_000)} reclaimable`);
    await act(async () =>
      fireEvent.change(screen.getByTestId('kind-filter'), { target: { value: 'identical' } }),
    );
    expect(summary()).toBe(`1 group · ${formatBytes(5_000_000)} reclaimable`);
    await act(async () =>
      fireEvent.change(screen.getByTestId('kind-filter'), { target: { value: 'similar' } }),
    );
    expect(summary()).toBe(
      `1 group · ${formatBytes(5_000_000 + 4_000_000 + 600_000 + 3_000_000)} reclaimable`,
    );
  });
});
