import { useCallback, useEffect, useRef, useState } from 'react';
import type { Status } from '../../../shared/contract';
import { describeError } from '../api/errors';
import { useEngine } from './useEngine';
import { useEngineEvent } from './useEngineEvent';
import { useThrottledCall } from './useThrottledCall';

export interface StatusState {
  status: Status | null;
  error: string | null;
  reload: () => void;
}

/** While indexing runs, the stages' bars move: often enough to see, seldom enough to cost the engine nothing. */
export const liveStatusIntervalMs = 1000;

/**
 * The library's summary, kept fresh by the engine's events: at once after a change or a finished run, and
 * throttled while indexing (or a model download) runs, so each stage's progress is live. A screen that is not
 * `active` (hidden) only notes that its status is stale and asks again when it is shown.
 */
export function useStatus({ active = true }: { active?: boolean } = {}): StatusState {
  const { api } = useEngine();
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(true);
  const requestId = useRef(0);

  const fetchStatus = useCallback(() => {
    const id = ++requestId.current;
    setStale(false);
    return api.status({}).then(
      (next) => {
        if (id !== requestId.current) return;
        setStatus(next);
        setError(null);
      },
      (failure: unknown) => {
        if (id === requestId.current) setError(describeError(failure));
      },
    );
  }, [api]);
  const reload = useCallback(() => void fetchStatus(), [fetchStatus]);
  const reloadThrottled = useThrottledCall(fetchStatus, liveStatusIntervalMs);

  useEffect(() => {
    if (active && stale) reload();
  }, [active, stale, reload]);

  const changed = () => (active ? reloadThrottled() : setStale(true));
  useEngineEvent('libraryChanged', changed);
  // A finished run is the one answer worth having at once, whatever was asked a moment ago.
  useEngineEvent('indexFinished', () => (active ? reload() : setStale(true)));
  useEngineEvent('indexProgress', changed);
  useEngineEvent('modelDownload', changed);
  return { status, error, reload };
}
