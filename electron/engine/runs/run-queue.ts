/**
 * One run at a time, in the order asked for (in the spirit of VS Code's `Sequencer`): index runs, removals
 * and re-embeds all write the same rows, so they never overlap. Every run has its own AbortSignal, and a
 * stage inside a run can take a child signal of it. Nothing here polls: a caller waits on the promise of its
 * own run, or on `whenIdle()`. Who waits, who is refused and what is aborted is the caller's policy, asked
 * through `has()`, `current` and `abortCurrent()`; all of them are synchronous, so a check and the `enqueue`
 * that follows it cannot be overtaken by another caller.
 */
export class RunQueue<Kind extends string, Progress = unknown> {
  /** Settles when the last queued run has; never rejects, so one failed run cannot wedge the queue. */
  private tail: Promise<void> = Promise.resolve();
  /** In order; the first one is running once it has started. */
  private readonly runs: QueuedRun<Kind, Progress>[] = [];
  private closed = false;

  /** The run in progress, if any. */
  get current(): Run<Kind, Progress> | null {
    const first = this.runs[0];
    return first?.started ? first : null;
  }

  /** Whether a run of this kind is running or waiting its turn. */
  has(kind: Kind | ((kind: Kind) => boolean)): boolean {
    const matches = typeof kind === 'function' ? kind : (other: Kind) => other === kind;
    return this.runs.some((run) => matches(run.kind));
  }

  /** Whether a run of this kind is waiting its turn (not started yet). */
  hasWaiting(kind: Kind | ((kind: Kind) => boolean)): boolean {
    const matches = typeof kind === 'function' ? kind : (other: Kind) => other === kind;
    return this.runs.some((run) => !run.started && matches(run.kind));
  }

  /** Abort the run in progress (not those waiting); false when none is running. */
  abortCurrent(reason?: unknown): boolean {
    const current = this.runs[0];
    if (!current?.started) return false;
    current.abort(reason);
    return true;
  }

  /** Abort the run in progress and every waiting one (each still starts, aborted); later ones are not touched. */
  abortAll(reason?: unknown): void {
    for (const run of this.runs) run.abort(reason);
  }

  /**
   * Queue `task` behind every run queued before it. Its promise is the task's own: an error goes to the
   * caller who queued it, and the next run starts all the same.
   */
  enqueue<T>(kind: Kind, task: (run: Run<Kind, Progress>) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new RunQueueClosedError());
    const run = new QueuedRun<Kind, Progress>(kind);
    this.runs.push(run);
    const result = this.tail.then(async () => {
      run.started = true;
      try {
        return await task(run);
      } finally {
        this.runs.splice(this.runs.indexOf(run), 1);
      }
    });
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Resolves once no run is running or waiting (runs queued meanwhile are waited for too). */
  async whenIdle(): Promise<void> {
    while (this.runs.length > 0) await this.tail;
  }

  /**
   * Refuse new runs, abort the one in progress and every waiting one, and wait for them all. Waiting runs
   * still start (with an aborted signal) so each can let go of what it holds, such as old model towers.
   */
  async close(reason: unknown = new RunQueueClosedError()): Promise<void> {
    this.closed = true;
    this.abortAll(reason);
    await this.whenIdle();
  }
}

/** A run as its task sees it. */
export interface Run<Kind extends string, Progress> {
  readonly kind: Kind;
  /** Aborted by `abortCurrent()` or `close()`. */
  readonly signal: AbortSignal;
  /** What the run reports while it goes (a status call reads it); null until it says. */
  progress: Progress | null;
  /** A signal for one stage of this run: aborted with the run, or on its own without stopping the run. */
  child(): ChildAbort;
}

export interface ChildAbort {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
}

/** Enqueued after close(): the engine is shutting down. */
export class RunQueueClosedError extends Error {
  override name = 'RunQueueClosedError';
  constructor() {
    super('Doppel is closing: nothing new can start.');
  }
}

/** A signal aborted by `parent` or by its own `abort()`: a stage that can stop without stopping its run. */
export function childAbort(parent: AbortSignal): ChildAbort {
  const own = new AbortController();
  return { signal: AbortSignal.any([parent, own.signal]), abort: (reason) => own.abort(reason) };
}

class QueuedRun<Kind extends string, Progress> implements Run<Kind, Progress> {
  private readonly controller = new AbortController();
  progress: Progress | null = null;
  started = false;

  constructor(readonly kind: Kind) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abort(reason?: unknown): void {
    this.controller.abort(reason);
  }

  child(): ChildAbort {
    return childAbort(this.signal);
  }
}
