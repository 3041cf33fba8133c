import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SEND_BACKOFF_FACTOR, Throttled } from './throttled';

describe('Throttled', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the first request at once and folds later ones into one at the end of the interval', () => {
    const sent: number[] = [];
    const throttled = new Throttled(() => void sent.push(Date.now()), 1000);
    const start = Date.now();
    throttled.request();
    throttled.request();
    throttled.request();
    expect(sent).toEqual([start]);
    vi.advanceTimersByTime(999);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([start, start + 1000]);
    throttled.close();
  });

  it('waits, after a slow send, several times as long as it took, and never sends two at once', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const started: number[] = [];
    const throttled = new Throttled(async () => {
      started.push(Date.now());
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 500));
      inFlight--;
    }, 100);
    const start = Date.now();
    // A request every 50 ms for 10 s, as a busy index run reports its batches.
    for (let elapsed = 0; elapsed < 10_000; elapsed += 50) {
      throttled.request();
      await vi.advanceTimersByTimeAsync(50);
    }
    throttled.close();
    expect(mostInFlight).toBe(1);
    const gaps = started.slice(1).map((at, index) => at - started[index]!);
    expect(started[0]).toBe(start);
    expect(gaps.length).toBeGreaterThan(2);
    // Each send took 500 ms: the next starts no sooner than 500 ms + 4 x 500 ms after the previous began.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(500 * (1 + SEND_BACKOFF_FACTOR));
  });

  it('sends now() at once, or right after the send in flight, without waiting for the backoff', async () => {
    const started: number[] = [];
    const throttled = new Throttled(async () => {
      started.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, 300));
    }, 1000);
    const start = Date.now();
    throttled.now();
    await vi.advanceTimersByTimeAsync(100);
    throttled.now(); // a stage ended while its counts were being read
    await vi.advanceTimersByTimeAsync(200);
    expect(started).toEqual([start, start + 300]);
    throttled.close();
  });

  it('sends nothing after close', async () => {
    let sends = 0;
    const throttled = new Throttled(() => void sends++, 1000);
    throttled.request();
    throttled.request();
    throttled.close();
    await vi.advanceTimersByTimeAsync(5000);
    throttled.now();
    expect(sends).toBe(1);
  });
});
