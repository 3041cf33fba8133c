// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { formatBytes } from '../format/formatBytes';
import { copySetScene } from '../testing/copySetScene';
import { renderWithEngine } from '../testing/renderWithEngine';
import { DuplicatesScreen } from './DuplicatesScreen';

afterEach(cleanup);

// One similar group: shot A kept twice byte for byte, shot B with a smaller re-save, shot C once.
const { graph } = copySetScene();

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
