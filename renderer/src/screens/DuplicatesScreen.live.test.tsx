// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DuplicateGraph, IndexProgress } from '../../../shared/contract';
import { liveGraphIntervalMs } from '../hooks/useDuplicateGraph';
import { graphOf, photo, similar } from '../testing/photoFixtures';
import { renderWithEngine } from '../testing/renderWithEngine';
import { DuplicatesScreen, groupRowHeight } from './DuplicatesScreen';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** A similar pair in its own folder; the bigger the files, the higher the group sorts (most space first). */
function pairOf(name: string, megabytes: number) {
  const a = photo(`/photos/${name}/a.jpg`, { size: megabytes * 1_000_000, width: 6000, height: 4000 });
  const b = photo(`/photos/${name}/b.jpg`, { size: megabytes * 1_000_000, width: 4000, height: 3000 });
  return { photos: [a, b], pair: similar(a, b, 0.05) };
}

function graphWith(pairs: ReturnType<typeof pairOf>[]): DuplicateGraph {
  return graphOf(
    pairs.flatMap((pair) => pair.photos),
    pairs.map((pair) => pair.pair),
  );
}

// Ten groups while indexing runs; then the similar stage finds two bigger ones, which sort above them all.
const early = Array.from({ length: 10 }, (_, index) => pairOf(`early-${index}`, 10 - index));
const later = [pairOf('later-0', 50), pairOf('later-1', 40)];
const firstGraph = graphWith(early);
const grownGraph = graphWith([...later, ...early]);

const pairing: IndexProgress = {
  phase: 'pairing',
  done: 10,
  total: 24,
  photosPerSecond: 4,
  etaSeconds: 4,
  currentFile: null,
};

/** The engine's graph is whatever `next` holds when the screen asks; each answer can be held back. */
function liveEngine() {
  const state = { next: firstGraph, hold: null as Promise<void> | null };
  const overrides = {
    duplicateGraph: async () => {
      const answer = state.next;
      if (state.hold) await state.hold;
      return answer;
    },
  };
  return { state, overrides };
}

function rowOf(path: string): HTMLElement {
  const card = screen.getAllByTestId('photo-card').find((element) => element.dataset.path === path);
  expect(card, path).toBeDefined();
  return card!.closest<HTMLElement>('[data-testid="duplicate-group"]')!;
}

describe('Duplicates while indexing runs', () => {
  it('takes in new groups and keeps the slider, the chosen keeper, the focus and the rows on screen', async () => {
    const user = userEvent.setup();
    const { state, overrides } = liveEngine();
    const { engine } = renderWithEngine(<DuplicatesScreen active />, { overrides });
    await screen.findAllByTestId('duplicate-group');

    await act(async () => {
      fireEvent.change(screen.getByTestId('threshold-slider'), { target: { value: '0.2' } });
    });
    // The third group's second photo, focused by keyboard and chosen as its keeper.
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowRight}k');
    const chosen = '/photos/early-2/b.jpg';
    const focusedCard = () =>
      screen.getAllByTestId('photo-card').find((card) => card.dataset.focused === 'true');
    expect(focusedCard()?.dataset.path).toBe(chosen);
    const rowBefore = rowOf(chosen);
    const listBefore = screen.getByTestId('duplicate-list');

    let release = () => {};
    state.hold = new Promise<void>((resolve) => (release = resolve));
    state.next = grownGraph;
    await act(async () => engine.emit('libraryChanged', { reason: 'indexed' }));
    // While the new graph is on its way the old list stays, as it was: nothing blanks or says "loading".
    expect(screen.queryByTestId('duplicates-loading')).toBeNull();
    expect(screen.getByTestId('duplicates-summary').textContent).toContain('10 groups');
    expect(rowOf(chosen)).toBe(rowBefore);

    await act(async () => release());
    await waitFor(() => expect(screen.getByTestId('duplicates-summary').textContent).toContain('12 groups'));
    expect(screen.getByTestId('duplicate-list')).toBe(listBefore);
    expect(rowOf(chosen)).toBe(rowBefore); // the same row element, moved: not rebuilt
    expect((screen.getByTestId('threshold-slider') as HTMLInputElement).value).toBe('0.2');
    expect(focusedCard()?.dataset.path).toBe(chosen);
    expect(
      within(rowOf(chosen)).getByTestId('keeper-badge').closest('[data-testid="photo-card"]'),
    ).toHaveProperty('dataset.path', chosen);
    expect(engine.requestsTo('duplicateGraph')).toHaveLength(2);
  });

  it('keeps the group at the top of the view in place when groups arrive above it', async () => {
    const { state, overrides } = liveEngine();
    const { engine } = renderWithEngine(<DuplicatesScreen active />, { overrides });
    await screen.findAllByTestId('duplicate-group');
    const list = screen.getByTestId('duplicate-list');
    const offset = 100;
    list.scrollTop = 4 * groupRowHeight + offset;
    fireEvent.scroll(list);

    state.next = grownGraph;
    await act(async () => engine.emit('libraryChanged', { reason: 'indexed' }));
    await waitFor(() => expect(screen.getByTestId('duplicates-summary').textContent).toContain('12 groups'));
    // The fifth early group was the top row; two groups arrived above it, and it is still the top row.
    expect(list.scrollTop).toBe(6 * groupRowHeight + offset);
  });

  it('asks for the graph at most once per interval however many progress events arrive', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { state, overrides } = liveEngine();
    const { engine } = renderWithEngine(<DuplicatesScreen active />, { overrides });
    await screen.findAllByTestId('duplicate-group');
    expect(engine.requestsTo('duplicateGraph')).toHaveLength(1);

    state.next = grownGraph;
    for (let batch = 0; batch < 20; batch++) {
      await act(async () => engine.emit('indexProgress', { ...pairing, done: 10 + batch }));
    }
    // The first event asks at once; the other nineteen wait for one more request at the interval's end.
    expect(engine.requestsTo('duplicateGraph')).toHaveLength(2);
    await act(async () => vi.advanceTimersByTime(liveGraphIntervalMs + 100));
    await waitFor(() => expect(engine.requestsTo('duplicateGraph')).toHaveLength(3));
    await act(async () => vi.advanceTimersByTime(3 * liveGraphIntervalMs));
    expect(engine.requestsTo('duplicateGraph')).toHaveLength(3);
    expect(screen.getByTestId('duplicates-summary').textContent).toContain('12 groups');
  });

  it('while hidden, only notes the change and asks once when shown again', async () => {
    const { state, overrides } = liveEngine();
    const { engine, rerender } = renderWithEngine(<DuplicatesScreen active />, { overrides });
    await screen.findAllByTestId('duplicate-group');
    const { EngineProvider } = await import('../api/EngineContext');
    rerender(
      <EngineProvider client={engine.client}>
        <DuplicatesScreen active={false} />
      </EngineProvider>,
    );
    state.next = grownGraph;
    for (let batch = 0; batch < 5; batch++) {
      await act(async () => engine.emit('indexProgress', { ...pairing, done: 10 + batch }));
    }
    await act(async () => engine.emit('libraryChanged', { reason: 'indexed' }));
    expect(engine.requestsTo('duplicateGraph')).toHaveLength(1);
    rerender(
      <EngineProvider client={engine.client}>
        <DuplicatesScreen active />
      </EngineProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('duplicates-summary').textContent).toContain('12 groups'));
    expect(engine.requestsTo('duplicateGraph')).toHaveLength(2);
  });

  it('names the stage still to come, and why it waits, above the groups found so far', async () => {
    renderWithEngine(<DuplicatesScreen active />, {
      graph: firstGraph,
      status: {
        stages: [
          { name: 'identical', state: 'done', done: 20, total: 20, reason: null },
          { name: 'same-picture', state: 'done', done: 20, total: 20, reason: null },
          {
            name: 'similar',
            state: 'waiting',
            done: 0,
            total: 20,
            reason: 'Finding similar shots needs the image model (350 MB): offline, will retry',
          },
        ],
      },
    });
    const panel = await screen.findByTestId('stages-panel');
    expect(within(panel).getByRole('progressbar', { name: 'Similar shots' })).toBeTruthy();
    expect(within(panel).getByTestId('stage-reason').textContent).toContain('offline, will retry');
    const firstGroup = (await screen.findAllByTestId('duplicate-group'))[0]!;
    expect(panel.compareDocumentPosition(firstGroup) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('says groups are still to come, not that the library is empty, while the stages run', async () => {
    renderWithEngine(<DuplicatesScreen active />, {
      graph: graphOf([], []),
      status: { stages: [{ name: 'identical', state: 'running', done: 10, total: 500, reason: null }] },
    });
    expect((await screen.findByTestId('duplicates-finding')).textContent).toContain('still reading');
    expect(screen.queryByTestId('duplicates-empty')).toBeNull();
  });
});
