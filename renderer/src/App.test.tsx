// @vitest-environment happy-dom
import { act, cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from './App';
import { graphOf, photo, similar } from './testing/photoFixtures';
import { renderWithEngine } from './testing/renderWithEngine';

beforeEach(() => window.history.replaceState(null, '', '#/library'));
afterEach(cleanup);

const a = photo('/p/a.jpg');
const b = photo('/p/b.jpg');

function dropEvent(type: string, files: File[]) {
  const event = new Event(type, { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'dataTransfer', { value: { types: ['Files'], files, dropEffect: 'none' } });
  return event;
}

describe('App', () => {
  it('switches screens from the sidebar and remembers the screen in the URL hash', async () => {
    renderWithEngine(<App />, { graph: graphOf([a, b], [similar(a, b, 0.05)]) });
    expect(screen.getByTestId('screen-library').hidden).toBe(false);

    await userEvent.setup().click(screen.getByTestId('nav-duplicates'));
    expect(window.location.hash).toBe('#/duplicates');
    expect(screen.getByTestId('screen-library').hidden).toBe(true);
    expect(await screen.findAllByTestId('duplicate-group')).toHaveLength(1);
  });

  it('searches with a photo dropped anywhere on the window, showing the overlay during the drag', async () => {
    const { engine } = renderWithEngine(<App />);
    const file = new File([new Uint8Array([1])], 'dropped.jpg', { type: 'image/jpeg' });

    await act(async () => void window.dispatchEvent(dropEvent('dragenter', [file])));
    expect(screen.getByTestId('drop-overlay')).toBeTruthy();

    await act(async () => void window.dispatchEvent(dropEvent('drop', [file])));
    expect(screen.queryByTestId('drop-overlay')).toBeNull();
    expect(window.location.hash).toBe('#/search');
    expect(engine.requestsTo('search')).toHaveLength(1);
    expect(screen.getByTestId('query-name').textContent).toBe('dropped.jpg');
  });
});
