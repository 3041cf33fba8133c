/**
 * How much longer than a send took the next one waits, at the least. A send that costs a query (a stage's
 * counts read the whole photos table: 0.16 s at 1k photos mid-run, 0.3 s at 1M warm, 0.5-1.2 s cold) then
 * takes at most a fifth of the time, instead of one query a second whatever it costs. chdb runs one query at
 * a time, so a run's inserts wait behind each count; on a server, counts slower than the interval would run
 * side by side and pile up. The renderer's refetches back off by the same factor
 * (renderer/src/hooks/useThrottledCall.ts).
 */
export const SEND_BACKOFF_FACTOR = 4;

/**
 * A notification sent at most once per `intervalMs`, and never while the previous one is still being sent:
 * the first at once, later ones folded into one sent when the interval is up (so the last change is never
 * lost). A send that returns a promise is timed, and the next waits at least SEND_BACKOFF_FACTOR times as
 * long as it took. `now()` sends at once (a stage began or ended), or as soon as a send in flight ends. A
 * timer, not a polled flag: nothing runs while nothing changes.
 */
export class Throttled {
  private nextAllowedAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private sending = false;
  /** A request arrived while a send was in flight: one more send when it ends. */
  private pending: 'no' | 'when-allowed' | 'at-once' = 'no';
  private closed = false;

  constructor(
    private readonly send: () => void | Promise<void>,
    private readonly intervalMs: number,
  ) {}

  request(): void {
    if (this.closed) return;
    if (this.sending) {
      if (this.pending === 'no') this.pending = 'when-allowed';
      return;
    }
    if (this.timer) return;
    const wait = this.nextAllowedAt - Date.now();
    if (wait <= 0) return this.fire();
    this.timer = setTimeout(() => this.fire(), wait);
    this.timer.unref?.();
  }

  now(): void {
    if (this.closed) return;
    if (this.sending) this.pending = 'at-once';
    else this.fire();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private fire(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const startedAt = Date.now();
    this.nextAllowedAt = startedAt + this.intervalMs;
    const sent = this.send();
    if (!(sent instanceof Promise)) return;
    this.sending = true;
    void sent
      .catch(() => undefined)
      .finally(() => {
        this.sending = false;
        const endedAt = Date.now();
        this.nextAllowedAt = Math.max(
          this.nextAllowedAt,
          endedAt + SEND_BACKOFF_FACTOR * (endedAt - startedAt),
        );
        const pending = this.pending;
        this.pending = 'no';
        if (pending === 'at-once') this.now();
        else if (pending === 'when-allowed') this.request();
      });
  }
}
