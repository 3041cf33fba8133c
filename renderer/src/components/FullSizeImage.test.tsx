// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Size } from '../compare/syncedView';
import { foreignPath } from '../../../shared/machines/machine-paths';
import { renderWithEngine } from '../testing/renderWithEngine';
import { FullSizeImage } from './FullSizeImage';

afterEach(cleanup);

describe('FullSizeImage', () => {
  it('shows the full-size photo, not draggable, and reports its own pixel size once loaded', () => {
    const sizes: Size[] = [];
    renderWithEngine(
      <FullSizeImage
        path="/p/IMG 1.jpg"
        title="IMG 1.jpg"
        className="viewer__image"
        style={{ width: 300 }}
        testId="the-image"
        onNaturalSize={(size) => sizes.push(size)}
      />,
    );
    const image = screen.getByTestId<HTMLImageElement>('the-image');
    expect(image.alt).toBe('IMG 1.jpg');
    expect(new URL(image.src).searchParams.get('path')).toBe('/p/IMG 1.jpg');
    expect(image.getAttribute('draggable')).toBe('false');
    expect(sizes).toEqual([]);
    Object.defineProperties(image, { naturalWidth: { value: 4000 }, naturalHeight: { value: 3000 } });
    fireEvent.load(image);
    expect(sizes).toEqual([{ width: 4000, height: 3000 }]);
  });

  /** Another computer's photo (a shared index), with or without its computer's name. */
  const renderForeign = (machine?: string) =>
    renderWithEngine(
      <FullSizeImage
        path={foreignPath('b'.repeat(32), '/p/IMG 1.jpg')}
        title="IMG 1.jpg"
        className="viewer__image"
        style={{ width: 300 }}
        testId="the-image"
        onNaturalSize={() => undefined}
        machine={machine}
      />,
    );

  it('asks for nothing for another computer’s photo (a shared index) and says where to see it', () => {
    renderForeign();
    const shown = screen.getByTestId('the-image');
    expect(shown.tagName).not.toBe('IMG');
    expect(shown.getAttribute('aria-label')).toBe('IMG 1.jpg');
    expect(shown.textContent).toBe(
      'This photo lives on another computer; open Doppel there to see it full size.',
    );
  });

  it('names the computer the photo lives on when the index knows it', () => {
    renderForeign('Studio iMac');
    expect(screen.getByTestId('the-image').textContent).toBe(
      'This photo lives on Studio iMac; open Doppel there to see it full size.',
    );
  });
});
