import { useCallback, useEffect, useRef, useState } from 'react';
import type { DuplicateGraph } from '../../../shared/contract';
import { describeError } from '../api/errors';
import { useEngine } from './useEngine';
import { useEngineEvent } from './useEngineEvent';

export interface DuplicateGraphState {
  graph: DuplicateGraph | null;
  loading: boolean;
  error: string | null;
  reload: () => void;
  /** Applies a local edit (after trash or "not duplicates") until the engine's next graph arrives. */
  editGraph: (edit: (graph: DuplicateGraph) => DuplicateGraph) => void;
}

/**
 * Fetches the pair graph once and again whenever the library changes. While the screen is hidden a change only
 * marks the graph stale, so indexing a big folder does not refetch it after every batch nobody is looking at.
 */
export function useDuplicateGraph(active: boolean): DuplicateGraphState {
  const { api } = useEngine();
  const [graph, setGraph] = useState<DuplicateGraph | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(true);
  const requestId = useRef(0);

  const reload = useCallback(() => {
    const id = ++requestId.current;
    setLoading(true);
    setStale(false);
    api.duplicateGraph({}).then(
      (next) => {
        if (id !== requestId.current) return;
        setGraph(next);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (id !== requestId.current) return;
        setError(describeError(failure));
        setLoading(false);
      },
    );
  }, [api]);

  useEffect(() => {
    if (active && stale) reload();
  }, [active, stale, reload]);

  useEngineEvent('libraryChanged', () => setStale(true));

  const editGraph = useCallback((edit: (graph: DuplicateGraph) => DuplicateGraph) => {
    setGraph((current) => (current ? edit(current) : current));
  }, []);

  return { graph, loading, error, reload, editGraph };
}
