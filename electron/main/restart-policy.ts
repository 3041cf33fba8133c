/**
 * When to restart the engine after it dies: quickly at first, then backing off, and giving up after a run
 * of failures with no healthy stretch in between (a data folder held by another process, a broken
 * install), so a dead engine does not spin forever. Pure, so it is tested without Electron.
 */
export interface RestartPolicyOptions {
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Consecutive failures after which we stop and tell the user. */
  maxAttempts?: number;
  /** Running this long without dying counts as healthy and resets the count. */
  healthyAfterMs?: number;
}

export type RestartDecision =
  { restart: true; delayMs: number; attempt: number } | { restart: false; attempts: number };

export class RestartPolicy {
  private failures = 0;
  private startedAt: number | null = null;
  private readonly firstDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxAttempts: number;
  private readonly healthyAfterMs: number;

  constructor(options: RestartPolicyOptions = {}) {
    this.firstDelayMs = options.firstDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 15_000;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.healthyAfterMs = options.healthyAfterMs ?? 60_000;
  }

  /** The engine said it is ready at `now`. */
  started(now: number): void {
    this.startedAt = now;
  }

  /** The engine died (or failed to start) at `now`: restart after a delay, or give up. */
  died(now: number): RestartDecision {
    if (this.startedAt !== null && now - this.startedAt >= this.healthyAfterMs) this.failures = 0;
    this.startedAt = null;
    this.failures++;
    if (this.failures > this.maxAttempts) return { restart: false, attempts: this.failures - 1 };
    const delayMs = Math.min(this.maxDelayMs, this.firstDelayMs * 2 ** (this.failures - 1));
    return { restart: true, delayMs, attempt: this.failures };
  }

  /** The user asked to try again: start counting afresh. */
  reset(): void {
    this.failures = 0;
    this.startedAt = null;
  }
}
