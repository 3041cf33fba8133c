import { describe, expect, it } from 'vitest';
import type { ModelState } from '../model/model-availability';
import { describeStages } from './stage-status';

const counts = { photos: 10, looked: 10, pixelPaired: 10, embedded: 4, modelPaired: 4 };
const model = (state: ModelState, none = false) => ({ none, state, sizeBytes: null, problem: null });

describe('status().stages', () => {
  it('a running stage shows the run counts; those after it wait for it', () => {
    const stages = describeStages({
      counts: { ...counts, looked: 3, pixelPaired: 0, embedded: 0, modelPaired: 0 },
      active: { name: 'same-picture', done: 3, total: 10 },
      model: model({ kind: 'ready' }),
    });
    expect(stages).toEqual([
      { name: 'identical', state: 'done', done: 10, total: 10, reason: null },
      { name: 'same-picture', state: 'running', done: 3, total: 10, reason: null },
      { name: 'similar', state: 'waiting', done: 0, total: 10, reason: expect.stringMatching(/looked at/) },
    ]);
  });

  it('between runs, from the store alone: the similar stage waits for an unreachable model, and says why', () => {
    const stages = describeStages({
      counts,
      active: null,
      model: model({ kind: 'unreachable', message: 'x', retryAt: null }),
    });
    expect(stages.map((stage) => stage.state)).toEqual(['done', 'done', 'waiting']);
    expect(stages[2]).toMatchObject({ done: 4, total: 10 });
    expect(stages[2]!.reason).toMatch(/needs the image model: offline, will retry/);
  });

  it('without a model the similar stage is done with nothing to do, and says it is off', () => {
    const [, , similar] = describeStages({ counts, active: null, model: model({ kind: 'none' }, true) });
    expect(similar).toMatchObject({ state: 'done', done: 0, total: 0 });
    expect(similar!.reason).toMatch(/off/);
  });

  it('a model that cannot be used fails the similar stage only', () => {
    const stages = describeStages({
      counts,
      active: null,
      model: { ...model({ kind: 'idle' }), problem: 'The image model cannot be used: no such folder' },
    });
    expect(stages.map((stage) => stage.state)).toEqual(['done', 'done', 'failed']);
  });
});
