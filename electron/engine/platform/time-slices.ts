/**
 * How long a synchronous stretch of work may hold the engine's thread before the event loop gets a turn:
 * short enough that a thumbnail or an API answer waits no longer than this, long enough that the turns
 * themselves cost nothing measurable.
 */
export const SLICE_MS = 25;

/**
 * Cuts a long loop of synchronous work (verifying thousands of candidate pairs, say) into slices: call
 * `yieldIfDue()` between items, and once a slice's time is used up it waits one turn of the event loop
 * (setImmediate, after pending I/O), so the requests that arrived meanwhile are answered before the loop
 * goes on. Between the turns it returns at once.
 */
export class TimeSlices {
  private sliceStartedAt = performance.now();

  constructor(private readonly sliceMs: number = SLICE_MS) {}

  async yieldIfDue(): Promise<void> {
    if (performance.now() - this.sliceStartedAt < this.sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.sliceStartedAt = performance.now();
  }
}
