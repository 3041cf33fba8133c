// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { engineMethods, requestLimits } from '../../../shared/contract';
import { EngineProvider } from '../api/EngineContext';
import { createFakeEngine } from '../testing/fakeEngine';
import { useDuplicateActions } from './useDuplicateActions';

afterEach(cleanup);

function renderActions(engine: ReturnType<typeof createFakeEngine>, notices: string[]) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <EngineProvider client={engine.client}>{children}</EngineProvider>
  );
  return renderHook(
    () =>
      useDuplicateActions(
        () => undefined,
        (text) => notices.push(text),
      ),
    { wrapper },
  ).result;
}

describe('useDuplicateActions', () => {
  it('trashes more photos than one request may carry, in batches the engine accepts', async () => {
    const paths = Array.from({ length: requestLimits.trashPaths + 5 }, (_, i) => `/photos/${i}.jpg`);
    const sent: number[] = [];
    const engine = createFakeEngine({
      overrides: {
        trash: async (request) => {
          // The engine's own validation: a request over the cap would be refused here with a 400.
          const { paths: batch } = engineMethods.trash.request.parse(request);
          sent.push(batch.length);
          return { trashed: batch, failed: [] };
        },
      },
    });
    const notices: string[] = [];
    let graphEdits = 0;
    const wrapper = ({ children }: { children: ReactNode }) => (
      <EngineProvider client={engine.client}>{children}</EngineProvider>
    );
    const { result } = renderHook(
      () =>
        useDuplicateActions(
          () => graphEdits++,
          (text) => notices.push(text),
        ),
      { wrapper },
    );
    await act(() => result.current.trash(paths));
    expect(sent).toEqual([requestLimits.trashPaths, 5]);
    expect(graphEdits).toBe(2);
    expect(notices).toEqual([
      `Moved ${(requestLimits.trashPaths + 5).toLocaleString()} photos to the Trash.`,
    ]);
  });

  it('shows a photo in its folder through the desktop bridge, not through the engine', async () => {
    const revealed: string[] = [];
    const engine = createFakeEngine({
      platform: 'desktop',
      revealInFolder: async (path) => {
        revealed.push(path);
        return path === '/photos/a.jpg';
      },
    });
    const notices: string[] = [];
    const result = renderActions(engine, notices);
    expect(result.current.canReveal).toBe(true);
    act(() => result.current.reveal('/photos/a.jpg'));
    await vi.waitFor(() => expect(revealed).toEqual(['/photos/a.jpg']));
    expect(notices).toEqual([]);
    // A photo that left the library meanwhile is not shown; the button stays for the others.
    act(() => result.current.reveal('/photos/gone.jpg'));
    await vi.waitFor(() =>
      expect(notices).toEqual(['gone.jpg is no longer in the library, so it cannot be shown.']),
    );
    expect(result.current.canReveal).toBe(true);
    expect(engine.calls).toEqual([]);
  });

  it('offers no "show in folder" in the browser, where the server’s file manager is out of reach', () => {
    const result = renderActions(createFakeEngine({ platform: 'browser' }), []);
    expect(result.current.canReveal).toBe(false);
  });

  it('hides "show in folder" once the desktop could not do it, saying why', async () => {
    const engine = createFakeEngine({
      platform: 'desktop',
      revealInFolder: async () => {
        throw new Error('Doppel’s engine is not running.');
      },
    });
    const notices: string[] = [];
    const result = renderActions(engine, notices);
    act(() => result.current.reveal('/photos/a.jpg'));
    await vi.waitFor(() => expect(result.current.canReveal).toBe(false));
    expect(notices).toEqual(['Doppel’s engine is not running.']);
  });
});
