/**
 * A notification sent at most once per `intervalMs`: the first at once, later ones folded into one sent
 * when the interval is up (so the last change is never lost). `now()` sends at once (a stage began or
 * ended). A timer, not a polled flag: nothing runs while nothing changes.
 */
export class Throttled {
  private last = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly send: () => void,
    private readonly intervalMs: number,
  ) {}

  request(): void {
    if (this.closed || this.timer) return;
    const wait = this.last + this.intervalMs - Date.now();
    if (wait <= 0) return this.fire();
    this.timer = setTimeout(() => this.fire(), wait);
    this.timer.unref?.();
  }

  now(): void {
    if (!this.closed) this.fire();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private fire(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.last = Date.now();
    this.send();
  }
}
