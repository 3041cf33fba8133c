import { describe, expect, it } from 'vitest';
import { UserError } from '../user-error';
import { ConcurrencyLimiter, decodeConcurrency } from './concurrency-limiter';

/** A task the test finishes by hand, so "how many run at once" is observed, not timed. */
function manualTask() {
  let finish!: (fail?: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = (fail) => (fail ? reject(fail) : resolve());
  });
  return { finish, done };
}

const options = { limit: 2, maxWaiting: 100, busyMessage: 'Doppel is busy.' };

describe('ConcurrencyLimiter', () => {
  it('never runs more than its limit at once, and starts the waiting tasks in order', async () => {
    const limiter = new ConcurrencyLimiter(options);
    let running = 0;
    let mostAtOnce = 0;
    const started: number[] = [];
    const tasks = Array.from({ length: 7 }, () => manualTask());
    const results = tasks.map((task, i) =>
      limiter.run(async () => {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        started.push(i);
        await task.done.finally(() => running--);
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(limiter.waiting).toBe(5);
    // Finish them one by one (a failure too: it must hand its slot on like a success).
    for (let i = 0; i < tasks.length; i++) {
      tasks[i]!.finish(i === 1 ? new Error('damaged photo') : undefined);
      await results[i]!.catch(() => undefined);
      expect(limiter.active).toBeLessThanOrEqual(2);
    }
    expect(await Promise.allSettled(results)).toMatchObject([
      { status: 'fulfilled', value: 0 },
      { status: 'rejected', reason: { message: 'damaged photo' } },
      ...[2, 3, 4, 5, 6].map((value) => ({ status: 'fulfilled', value })),
    ]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(mostAtOnce).toBe(2);
    expect(limiter.active).toBe(0);
  });

  it('refuses with its busy message once the queue is full, and takes work again when it drains', async () => {
    const limiter = new ConcurrencyLimiter({ ...options, limit: 1, maxWaiting: 1 });
    const first = manualTask();
    const running = limiter.run(() => first.done);
    const queued = limiter.run(async () => 'queued');
    const refused = limiter.run(async () => 'never');
    await expect(refused).rejects.toThrow(new UserError('busy', 'Doppel is busy.'));
    first.finish();
    await running;
    expect(await queued).toBe('queued');
    expect(await limiter.run(async () => 'later')).toBe('later');
  });

  it('sizes decodes to the cores, within 2 and 4', () => {
    expect([1, 2, 3, 16].map((cores) => decodeConcurrency(cores))).toEqual([2, 2, 3, 4]);
    expect(() => new ConcurrencyLimiter({ ...options, limit: 0 })).toThrow(RangeError);
  });
});
