import { availableParallelism } from 'node:os';
import { UserError } from '../user-error';

export interface ConcurrencyLimiterOptions {
  /** How many tasks run at once. */
  limit: number;
  /** How many may wait for a turn; past that a task is refused at once instead of piling up. */
  maxWaiting: number;
  /** The sentence a refused caller sees. */
  busyMessage: string;
}

/**
 * A counting semaphore for expensive work a client can ask for (decoding a query photo, rendering a
 * thumbnail): at most `limit` at once, first come first served, and a bounded queue, so a burst of
 * requests costs a queue and not a gigabyte of decoded pixels.
 */
export class ConcurrencyLimiter {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly options: ConcurrencyLimiterOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1)
      throw new RangeError(`a concurrency limit must be a positive integer, not ${options.limit}`);
  }

  get active(): number {
    return this.running;
  }

  get waiting(): number {
    return this.queue.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.options.limit) {
      if (this.queue.length >= this.options.maxWaiting) throw new UserError('busy', this.options.busyMessage);
      // The slot is handed over by release(), so `running` never dips below the limit while others wait.
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.running--;
  }
}

/**
 * Decodes that may run at once: one a core, at least 2 (a decode also waits on the disk) and at most 4
 * (a full-size decode can hold a few hundred MB; more at once buys little on a laptop's memory).
 */
export function decodeConcurrency(cores = availableParallelism()): number {
  return Math.min(4, Math.max(2, cores));
}
