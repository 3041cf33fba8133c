import { useCallback, useEffect, useState } from 'react';
import type { IndexError } from '../../../shared/contract';
import { useEngine } from './useEngine';
import { useEngineEvent } from './useEngineEvent';

/** The full list of unreadable files; the status's short `lastErrors` stands in if the list cannot be had. */
export function useIndexErrors(fallback: readonly IndexError[]): IndexError[] {
  const { api } = useEngine();
  const [errors, setErrors] = useState<IndexError[] | null>(null);
  const reload = useCallback(() => {
    api.listIndexErrors({}).then(
      (answer) => setErrors(answer.errors),
      () => setErrors(null),
    );
  }, [api]);
  useEffect(reload, [reload]);
  useEngineEvent('indexFinished', reload);
  useEngineEvent('libraryChanged', reload);
  return errors ?? [...fallback];
}
