// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { DuplicatePair, PhotoInfo, SamePictureLevel } from '../../../shared/contract';
import { graphOf, photo } from '../testing/photoFixtures';
import { renderWithEngine } from '../testing/renderWithEngine';
import { DuplicatesScreen } from './DuplicatesScreen';

afterEach(cleanup);

const samePicture = (a: PhotoInfo, b: PhotoInfo, level: SamePictureLevel): DuplicatePair => ({
  a: a.hash,
  b: b.hash,
  distance: null,
  samePicture: true,
  samePictureLevel: level,
});

// A photo, its re-save (strict), its mirrored copy (normal) and a heavily filtered copy (loose); no model.
const original = photo('/p/original.jpg', { size: 5_000_000 });
const resaved = photo('/p/resaved.jpg', { size: 1_000_000 });
const mirrored = photo('/p/mirrored.jpg', { size: 2_000_000 });
const filtered = photo('/p/filtered.jpg', { size: 3_000_000 });
const pairs = [
  samePicture(original, resaved, 'strict'),
  samePicture(original, mirrored, 'normal'),
  samePicture(resaved, mirrored, 'normal'),
  samePicture(original, filtered, 'loose'),
  samePicture(resaved, filtered, 'loose'),
  samePicture(mirrored, filtered, 'loose'),
];
const graph = graphOf([original, resaved, mirrored, filtered], pairs, { model: null });

const groupSizes = () =>
  screen.queryAllByTestId('duplicate-group').map((row) => within(row).getAllByTestId('photo-card').length);

describe('How strict "same picture" is', () => {
  it('is a labelled control beside the slider, at Normal by default, regrouping without the engine', async () => {
    const { engine } = renderWithEngine(<DuplicatesScreen active />, { graph });
    await screen.findAllByTestId('duplicate-group');
    const control = screen.getByRole('combobox', { name: 'Same picture' });
    expect((control as HTMLSelectElement).value).toBe('normal');
    expect(groupSizes()).toEqual([3]);

    await act(async () => fireEvent.change(control, { target: { value: 'strict' } }));
    expect(groupSizes()).toEqual([2]);
    await act(async () => fireEvent.change(control, { target: { value: 'loose' } }));
    expect(groupSizes()).toEqual([4]);
    // One graph, loaded once: the level is applied here, never asked of the engine.
    expect(engine.requestsTo('duplicateGraph')).toHaveLength(1);
    expect(engine.requestsTo('duplicates')).toHaveLength(0);
  });

  it('is a native select: focusable, and changing it keeps the focus there', async () => {
    const user = userEvent.setup();
    renderWithEngine(<DuplicatesScreen active />, { graph });
    await screen.findAllByTestId('duplicate-group');
    const control = screen.getByRole('combobox', { name: 'Same picture' });
    control.focus();
    await user.selectOptions(control, 'strict');
    expect(document.activeElement).toBe(control);
    expect(groupSizes()).toEqual([2]);
  });
});
