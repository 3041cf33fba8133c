import { describe, expect, it } from 'vitest';
import { childAbort, RunQueue, RunQueueClosedError, type Run } from './run-queue';

type Kind = 'index' | 'watch';

/** A promise the test settles by hand, so the order of events is the test's, not the scheduler's. */
function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Resolves once `run`'s signal is aborted. */
const aborted = (run: Run<Kind, unknown>) =>
  new Promise<void>((resolve) =>
    run.signal.aborted ? resolve() : run.signal.addEventListener('abort', () => resolve()),
  );

describe('RunQueue', () => {
  it('tells a running run from one still waiting its turn (hasWaiting)', async () => {
    const queue = new RunQueue<Kind>();
    const held = gate();
    const started = gate();
    const running = queue.enqueue('index', async () => {
      started.open();
      await held.promise;
    });
    await started.promise;
    expect(queue.has('index')).toBe(true);
    expect(queue.hasWaiting('index')).toBe(false);
    const waiting = queue.enqueue('index', async () => undefined);
    expect(queue.hasWaiting('index')).toBe(true);
    expect(queue.hasWaiting((kind) => kind === 'watch')).toBe(false);
    held.open();
    await Promise.all([running, waiting]);
    expect(queue.has('index')).toBe(false);
  });

  it('runs one task at a time, in the order they were queued', async () => {
    const queue = new RunQueue<Kind>();
    const log: string[] = [];
    const first = gate();
    const started = gate();
    const a = queue.enqueue('watch', async () => {
      log.push('a starts');
      started.open();
      await first.promise;
      log.push('a ends');
      return 'a';
    });
    const b = queue.enqueue('index', async () => {
      log.push('b starts');
      return 'b';
    });
    await started.promise;
    expect(queue.current?.kind).toBe('watch');
    expect(queue.has('index')).toBe(true);
    first.open();
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(log).toEqual(['a starts', 'a ends', 'b starts']);
    expect(queue.current).toBeNull();
    expect(queue.has(() => true)).toBe(false);
  });

  it('aborts only the run in progress; the waiting one starts with a live signal', async () => {
    const queue = new RunQueue<Kind>();
    expect(queue.abortCurrent()).toBe(false);
    const started = gate();
    const running = queue.enqueue('watch', async (run) => {
      started.open();
      await aborted(run);
      return run.signal.aborted;
    });
    const waiting = queue.enqueue('index', async (run) => run.signal.aborted);
    await started.promise;
    expect(queue.abortCurrent()).toBe(true);
    expect(await running).toBe(true);
    expect(await waiting).toBe(false);
  });

  it('abortAll aborts the running and the waiting runs, not one queued after it', async () => {
    const queue = new RunQueue<Kind>();
    const started = gate();
    const running = queue.enqueue('watch', async (run) => {
      started.open();
      await aborted(run);
      return run.signal.aborted;
    });
    const waiting = queue.enqueue('index', async (run) => run.signal.aborted);
    await started.promise;
    queue.abortAll();
    const after = queue.enqueue('index', async (run) => run.signal.aborted);
    expect(await Promise.all([running, waiting, after])).toEqual([true, true, false]);
  });

  it("gives a failed run's error to its caller and goes on with the next", async () => {
    const queue = new RunQueue<Kind>();
    const failing = queue.enqueue('index', async () => {
      throw new Error('disk full');
    });
    const next = queue.enqueue('index', async () => 'ran');
    await expect(failing).rejects.toThrow('disk full');
    expect(await next).toBe('ran');
    expect(queue.has('index')).toBe(false);
  });

  it('keeps each run its own progress, and the current run is the one a status reads', async () => {
    const queue = new RunQueue<Kind, { done: number }>();
    const step = gate();
    const reported = gate();
    const run = queue.enqueue('index', async (run) => {
      run.progress = { done: 3 };
      reported.open();
      await step.promise;
    });
    const later = queue.enqueue('watch', async (run) => run.progress);
    await reported.promise;
    expect(queue.current?.progress).toEqual({ done: 3 });
    step.open();
    await run;
    expect(await later).toBeNull();
  });

  it('whenIdle waits for every run, including one queued while it waited', async () => {
    const queue = new RunQueue<Kind>();
    const log: string[] = [];
    const first = gate();
    void queue.enqueue('index', async () => {
      await first.promise;
      void queue.enqueue('watch', async () => void log.push('queued meanwhile'));
      log.push('first');
    });
    const idle = queue.whenIdle().then(() => log.push('idle'));
    first.open();
    await idle;
    expect(log).toEqual(['first', 'queued meanwhile', 'idle']);
  });

  it('close aborts the running and the waiting runs, waits for them, then refuses new ones', async () => {
    const queue = new RunQueue<Kind>();
    const released: string[] = [];
    const started = gate();
    const running = queue.enqueue('index', async (run) => {
      started.open();
      await aborted(run);
      released.push('running');
    });
    const waiting = queue.enqueue('watch', async (run) => {
      // A waiting run still starts, aborted, so it can let go of what it holds.
      released.push(run.signal.aborted ? 'waiting, aborted' : 'waiting, live');
    });
    await started.promise;
    await queue.close();
    await Promise.all([running, waiting]);
    expect(released).toEqual(['running', 'waiting, aborted']);
    await expect(queue.enqueue('index', async () => 'late')).rejects.toBeInstanceOf(RunQueueClosedError);
  });
});

describe('childAbort', () => {
  it('is aborted with its parent, and can be aborted alone without touching the parent', () => {
    const parent = new AbortController();
    const stage = childAbort(parent.signal);
    const other = childAbort(parent.signal);
    stage.abort('stage done');
    expect(stage.signal.aborted).toBe(true);
    expect(parent.signal.aborted).toBe(false);
    expect(other.signal.aborted).toBe(false);
    parent.abort('run cancelled');
    expect(other.signal.aborted).toBe(true);
    expect(other.signal.reason).toBe('run cancelled');
  });
});
