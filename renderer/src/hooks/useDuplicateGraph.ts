import { useCallback, useEffect, useRef, useState } from 'react';
import type { DuplicateGraph } from '../../../shared/contract';
import { describeError } from '../api/errors';
import { useEngine } from './useEngine';
import { useEngineEvent } from './useEngineEvent';
import { useThrottledCall } from './useThrottledCall';

export interface DuplicateGraphState {
  graph: DuplicateGraph | null;
  loading: boolean;
  error: string | null;
  reload: () => void;
  /** Applies a local edit (after trash or "not duplicates") until the engine's next graph arrives. */
  editGraph: (edit: (graph: DuplicateGraph) => DuplicateGraph) => void;
}

/**
 * While indexing runs, new groups appear every few seconds at most: each refetch is a whole graph, so a live
 * screen asks no oftener than this (and, through the throttle's backoff, no oftener than a slow answer allows).
 */
export const liveGraphIntervalMs = 2000;

/**
 * Fetches the pair graph once and again whenever the library changes, live while indexing runs: groups appear
 * as the stages find them. A refetch replaces the graph only when it arrives (the list stays on screen until
 * then). While the screen is hidden a change only marks the graph stale, so indexing a big folder does not
 * refetch it after every batch nobody is looking at.
 */
export function useDuplicateGraph(active: boolean): DuplicateGraphState {
  const { api } = useEngine();
  const [graph, setGraph] = useState<DuplicateGraph | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(true);
  const requestId = useRef(0);

  const fetchGraph = useCallback(() => {
    const id = ++requestId.current;
    setLoading(true);
    setStale(false);
    return api.duplicateGraph({}).then(
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
  const reload = useCallback(() => void fetchGraph(), [fetchGraph]);
  const reloadThrottled = useThrottledCall(fetchGraph, liveGraphIntervalMs);

  useEffect(() => {
    if (active && stale) reload();
  }, [active, stale, reload]);

  const changed = () => (active ? reloadThrottled() : setStale(true));
  useEngineEvent('libraryChanged', changed);
  // An engine that announces no change mid-run still moves its progress as it pairs: each batch may add groups.
  useEngineEvent('indexProgress', (progress) => {
    if (progress.phase !== 'scanning') changed();
  });

  const editGraph = useCallback((edit: (graph: DuplicateGraph) => DuplicateGraph) => {
    // A graph asked for before this edit would bring the trashed photos back: only a later one may land.
    requestId.current++;
    setLoading(false);
    setGraph((current) => (current ? edit(current) : current));
  }, []);

  return { graph, loading, error, reload, editGraph };
}
