import { useCallback, useEffect, useRef } from 'react';
import { useLatestRef } from './useLatestRef';

/**
 * How much longer than a call took the next one waits, at the least: a library whose answer takes a second to
 * build is asked at most every four, so live updates never keep the engine busy answering the window.
 */
const backoffFactor = 4;

/**
 * `request()` as often as events arrive, `call()` at most once per `minIntervalMs`: the first request runs at
 * once, every request during a call or within the interval after it collapses into one more call at its end.
 */
export function useThrottledCall(call: () => Promise<unknown>, minIntervalMs: number): () => void {
  const latest = useLatestRef(call);
  const state = useRef({
    running: false,
    pending: false,
    nextAllowedAt: 0,
    timer: undefined as ReturnType<typeof setTimeout> | undefined,
    disposed: false,
  });

  useEffect(() => {
    const current = state.current;
    current.disposed = false;
    return () => {
      current.disposed = true;
      clearTimeout(current.timer);
      current.timer = undefined;
    };
  }, []);

  const schedule = useCallback(() => {
    const current = state.current;
    if (current.disposed || current.running || current.timer !== undefined || !current.pending) return;
    const fire = () => {
      current.timer = undefined;
      if (current.disposed) return;
      current.pending = false;
      current.running = true;
      const startedAt = Date.now();
      void Promise.resolve()
        .then(() => latest.current())
        .catch(() => undefined) // the call shows its own failure; the next event simply tries again
        .finally(() => {
          current.running = false;
          const tookMs = Date.now() - startedAt;
          current.nextAllowedAt = Date.now() + Math.max(minIntervalMs, backoffFactor * tookMs);
          schedule();
        });
    };
    const waitMs = current.nextAllowedAt - Date.now();
    if (waitMs <= 0) fire();
    else current.timer = setTimeout(fire, waitMs);
  }, [latest, minIntervalMs]);

  return useCallback(() => {
    state.current.pending = true;
    schedule();
  }, [schedule]);
}
