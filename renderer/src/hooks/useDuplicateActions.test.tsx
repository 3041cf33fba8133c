// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { engineMethods, requestLimits } from '../../../shared/contract';
import { EngineProvider } from '../api/EngineContext';
import { createFakeEngine } from '../testing/fakeEngine';
import { useDuplicateActions } from './useDuplicateActions';

afterEach(cleanup);

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
});
