import { describe, expect, it } from 'vitest';
import { TimeSlices } from './time-slices';

/** Holds the thread for `ms`, as a stretch of real work would. */
function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

describe('TimeSlices', () => {
  it('lets a request that arrives mid-loop be answered long before the loop ends', async () => {
    const slices = new TimeSlices(10);
    let answeredAt: number | null = null;
    let item = 0;
    setImmediate(() => (answeredAt = item));
    for (item = 0; item < 100; item++) {
      busyFor(1);
      await slices.yieldIfDue();
    }
    expect(answeredAt).not.toBeNull();
    // The first slice is used up after about 10 items: the request waits one slice, not the whole loop.
    expect(answeredAt!).toBeLessThan(50);
  });

  it('waits for a turn only once a slice is used up, not after every item', async () => {
    const slices = new TimeSlices(20);
    let turns = 0;
    let counting = true;
    const countTurns = () => {
      if (!counting) return;
      turns++;
      setImmediate(countTurns);
    };
    setImmediate(countTurns);
    for (let item = 0; item < 200; item++) {
      busyFor(0.5);
      await slices.yieldIfDue();
    }
    counting = false;
    // 100 ms of work in 20 ms slices: a handful of turns, far fewer than the 200 items.
    expect(turns).toBeGreaterThan(0);
    expect(turns).toBeLessThan(40);
  });
});
