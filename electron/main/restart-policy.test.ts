import { describe, expect, it } from 'vitest';
import { RestartPolicy } from './restart-policy';

describe('RestartPolicy', () => {
  it('backs off exponentially up to a ceiling, then gives up', () => {
    const policy = new RestartPolicy({ firstDelayMs: 500, maxDelayMs: 3000, maxAttempts: 4 });
    const delays = [1, 2, 3, 4].map((t) => policy.died(t));
    expect(delays).toEqual([
      { restart: true, delayMs: 500, attempt: 1 },
      { restart: true, delayMs: 1000, attempt: 2 },
      { restart: true, delayMs: 2000, attempt: 3 },
      { restart: true, delayMs: 3000, attempt: 4 },
    ]);
    expect(policy.died(5)).toEqual({ restart: false, attempts: 4 });
  });

  it('forgets old failures after a healthy run', () => {
    const policy = new RestartPolicy({ firstDelayMs: 100, maxAttempts: 2, healthyAfterMs: 1000 });
    policy.died(0);
    policy.started(10);
    expect(policy.died(20)).toMatchObject({ restart: true, attempt: 2 });
    policy.started(30);
    expect(policy.died(5000)).toEqual({ restart: true, delayMs: 100, attempt: 1 });
  });

  it('a short run between crashes does not reset the count', () => {
    const policy = new RestartPolicy({ maxAttempts: 1, healthyAfterMs: 1000 });
    policy.died(0);
    policy.started(10);
    expect(policy.died(500)).toEqual({ restart: false, attempts: 1 });
  });

  it('starts afresh when the user asks', () => {
    const policy = new RestartPolicy({ maxAttempts: 1 });
    policy.died(0);
    expect(policy.died(1).restart).toBe(false);
    policy.reset();
    expect(policy.died(2)).toMatchObject({ restart: true, attempt: 1 });
  });
});
