// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { installModalDialogFallback } from '../testing/modalDialogFallback';
import { renderWithEngine } from '../testing/renderWithEngine';
import { FullImageViewer, type ViewerPhoto } from './FullImageViewer';

beforeAll(installModalDialogFallback);
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const photos: ViewerPhoto[] = [
  { path: '/p/a.jpg', title: 'a.jpg' },
  { path: '/p/b.jpg', title: 'b.jpg' },
];

function Page() {
  const [index, setIndex] = useState<number | null>(null);
  return (
    <>
      <button type="button" onClick={() => setIndex(1)}>
        Open b.jpg
      </button>
      <input aria-label="Search" />
      {index !== null && (
        <FullImageViewer
          photos={photos}
          index={index}
          onIndexChange={setIndex}
          onClose={() => setIndex(null)}
        />
      )}
    </>
  );
}

async function openViewer() {
  const user = userEvent.setup();
  renderWithEngine(<Page />);
  const opener = screen.getByRole('button', { name: 'Open b.jpg' });
  await user.click(opener);
  return { user, opener, viewer: screen.getByTestId('full-image-viewer') };
}

describe('FullImageViewer', () => {
  it('opens as a native modal dialog named after the photo, with Close focused', async () => {
    const showModal = vi.spyOn(HTMLDialogElement.prototype, 'showModal');
    const { viewer } = await openViewer();
    expect(viewer).toBeInstanceOf(HTMLDialogElement);
    expect(showModal).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('dialog', { name: 'Full size: b.jpg' })).toBe(viewer);
    expect(document.activeElement).toBe(screen.getByTestId('viewer-close'));
  });

  it('keeps Tab inside the viewer', async () => {
    const { user, viewer } = await openViewer();
    for (let press = 0; press < 4; press++) {
      await user.tab();
      expect(viewer.contains(document.activeElement)).toBe(true);
    }
    for (let press = 0; press < 4; press++) {
      await user.tab({ shift: true });
      expect(viewer.contains(document.activeElement)).toBe(true);
    }
  });

  it('flips with the arrows, closes on Escape and gives the focus back', async () => {
    const { user, opener, viewer } = await openViewer();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('dialog', { name: 'Full size: a.jpg' })).toBe(viewer);
    expect(viewer.contains(document.activeElement)).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('full-image-viewer')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
