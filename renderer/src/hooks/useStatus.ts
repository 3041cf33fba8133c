import { useCallback, useEffect, useRef, useState } from 'react';
import type { Status } from '../../../shared/contract';
import { describeError } from '../api/errors';
import { useEngine } from './useEngine';
import { useEngineEvent } from './useEngineEvent';

export interface StatusState {
  status: Status | null;
  error: string | null;
  reload: () => void;
}

/** The library's summary, kept fresh by the engine's change and finish events. */
export function useStatus(): StatusState {
  const { api } = useEngine();
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);
  const requestId = useRef(0);

  const reload = useCallback(() => {
    const id = ++requestId.current;
    api.status({}).then(
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

  useEffect(reload, [reload]);
  useEngineEvent('libraryChanged', reload);
  useEngineEvent('indexFinished', reload);
  return { status, error, reload };
}
