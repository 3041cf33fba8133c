// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { IndexStage } from '../../../shared/contract';
import { StagesPanel } from './StagesPanel';

afterEach(cleanup);

const offlineFirstRun: IndexStage[] = [
  { name: 'identical', state: 'done', done: 10_000, total: 10_000, reason: null },
  { name: 'same-picture', state: 'running', done: 3210, total: 10_000, reason: null },
  {
    name: 'similar',
    state: 'waiting',
    done: 0,
    total: 10_000,
    reason: 'Finding similar shots needs the image model (350 MB): offline, will retry',
  },
];

function stageRow(name: IndexStage['name']): HTMLElement {
  const row = screen.getAllByTestId('stage').find((element) => element.dataset.stage === name);
  expect(row, `the ${name} stage`).toBeDefined();
  return row!;
}

describe('StagesPanel', () => {
  it('gives every stage a named bar whose value a screen reader can say, and its state in words', () => {
    render(<StagesPanel stages={offlineFirstRun} />);
    const bars = screen.getAllByRole('progressbar');
    expect(bars.map((bar) => bar.getAttribute('aria-label'))).toEqual([
      'Identical files',
      'Re-saved and edited copies',
      'Similar shots',
    ]);
    const copies = screen.getByRole('progressbar', { name: 'Re-saved and edited copies' });
    expect(copies.getAttribute('aria-valuenow')).toBe('3210');
    expect(copies.getAttribute('aria-valuemax')).toBe('10000');
    expect(copies.getAttribute('aria-valuetext')).toBe('In progress · 3,210 of 10,000 photos');
    expect(within(stageRow('identical')).getByTestId('stage-state').textContent).toBe(
      'Done · 10,000 of 10,000 photos',
    );
    expect(within(stageRow('similar')).getByTestId('stage-state').textContent).toBe(
      'Waiting · 0 of 10,000 photos',
    );
  });

  it('says why a stage waits, and only for a stage that waits or failed', () => {
    render(<StagesPanel stages={offlineFirstRun} />);
    expect(within(stageRow('similar')).getByTestId('stage-reason').textContent).toBe(
      'Finding similar shots needs the image model (350 MB): offline, will retry',
    );
    expect(screen.getAllByTestId('stage-reason')).toHaveLength(1);
  });

  it('words a failed stage’s reason for the window: no command-line flag', () => {
    render(
      <StagesPanel
        stages={[
          {
            name: 'similar',
            state: 'failed',
            done: 0,
            total: 12,
            reason:
              'Cannot download the model Xenova/clip-vit-base-patch32 from https://huggingface.co/ (ECONNREFUSED). Offline? Pass --model DIR with a downloaded model folder (or choose one in Settings).',
          },
        ]}
      />,
    );
    const reason = screen.getByTestId('stage-reason').textContent ?? '';
    expect(reason).toContain('Cannot download the model');
    expect(reason).not.toContain('--model');
    expect(reason).toContain('Settings → Image model');
    expect(within(stageRow('similar')).getByTestId('stage-state').textContent).toBe(
      'Stopped · 0 of 12 photos',
    );
  });

  it('shows a waiting stage with nothing counted as a still, empty bar, and a finished empty one as full', () => {
    render(
      <StagesPanel
        stages={[
          { name: 'identical', state: 'done', done: 0, total: 0, reason: null },
          { name: 'similar', state: 'waiting', done: 0, total: 0, reason: 'Waiting for the image model' },
        ]}
      />,
    );
    const done = screen.getByRole('progressbar', { name: 'Identical files' });
    expect([done.getAttribute('aria-valuenow'), done.getAttribute('aria-valuemax')]).toEqual(['1', '1']);
    const waiting = screen.getByRole('progressbar', { name: 'Similar shots' });
    expect(waiting.className).not.toContain('indeterminate');
    expect(waiting.getAttribute('aria-valuenow')).toBe('0');
    expect(waiting.getAttribute('aria-valuetext')).toBe('Waiting');
  });

  it('renders nothing for an engine that reports no stages', () => {
    render(<StagesPanel stages={[]} />);
    expect(screen.queryByTestId('stages-panel')).toBeNull();
  });
});
