import { useCallback, useState } from 'react';
import type { IndexProgress, IndexResult } from '../../../shared/contract';
import { describeError } from '../api/errors';
import { useEngine } from './useEngine';
import { useEngineEvent } from './useEngineEvent';

export interface IndexingState {
  /** What to show in the progress panel, or null when nothing is being indexed. */
  progress: IndexProgress | null;
  lastResult: IndexResult | null;
  error: string | null;
  cancelling: boolean;
  start: (paths: string[]) => void;
  cancel: () => void;
}

const startingProgress: IndexProgress = {
  phase: 'scanning',
  done: 0,
  total: 0,
  photosPerSecond: 0,
  etaSeconds: null,
  currentFile: null,
};

/**
 * Runs `indexFolders` and follows it through `indexProgress` events. `runningElsewhere` is the status's own
 * view, so a reloaded page (or a second window) still shows an index that someone else started.
 */
export function useIndexing(runningElsewhere: IndexProgress | null): IndexingState {
  const { api } = useEngine();
  const [started, setStarted] = useState(false);
  const [eventProgress, setEventProgress] = useState<IndexProgress | null>(null);
  const [finished, setFinished] = useState(false);
  const [lastResult, setLastResult] = useState<IndexResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);

  useEngineEvent('indexProgress', (progress) => {
    setFinished(progress.phase === 'done');
    setEventProgress(progress.phase === 'done' ? null : progress);
  });
  useEngineEvent('indexFinished', (result) => {
    setFinished(true);
    setEventProgress(null);
    setCancelling(false);
    setLastResult(result);
  });

  const start = useCallback(
    (paths: string[]) => {
      setStarted(true);
      setFinished(false);
      setError(null);
      setLastResult(null);
      setEventProgress(null);
      api
        .indexFolders({ paths })
        .then(
          (result) => setLastResult(result),
          (failure: unknown) => setError(describeError(failure)),
        )
        .finally(() => {
          setStarted(false);
          setCancelling(false);
          setEventProgress(null);
        });
    },
    [api],
  );

  const cancel = useCallback(() => {
    setCancelling(true);
    api.cancelIndexing({}).catch((failure: unknown) => {
      setCancelling(false);
      setError(describeError(failure));
    });
  }, [api]);

  const progress = eventProgress ?? (started ? startingProgress : finished ? null : runningElsewhere);
  return { progress, lastResult, error, cancelling, start, cancel };
}
