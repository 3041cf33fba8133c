import { useEffect } from 'react';
import type { EventName, EventPayload } from '../../../shared/contract';
import { useEngine } from './useEngine';
import { useLatestRef } from './useLatestRef';

/** Subscribes for the component's lifetime; the latest listener is always called, without resubscribing. */
export function useEngineEvent<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): void {
  const { on } = useEngine();
  const latest = useLatestRef(listener);
  useEffect(() => on(event, (payload) => latest.current(payload)), [on, event, latest]);
}
