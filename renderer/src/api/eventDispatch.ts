import { engineEvents, type EventName, type EventPayload } from '../../../shared/contract';

type AnyListener = (payload: unknown) => void;

/**
 * Listener bookkeeping shared by both transports: payloads are checked against the contract before any
 * screen sees them, and a listener that throws cannot starve the others.
 */
export class EventDispatch {
  private readonly listeners = new Map<EventName, Set<AnyListener>>();

  add<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const stored = listener as AnyListener;
    set.add(stored);
    return () => set.delete(stored);
  }

  count(): number {
    let total = 0;
    for (const set of this.listeners.values()) total += set.size;
    return total;
  }

  emit(event: EventName, raw: unknown): void {
    const parsed = engineEvents[event].safeParse(raw);
    if (!parsed.success) {
      console.error(`Doppel: ignoring malformed ${event} event`, parsed.error.issues, raw);
      return;
    }
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        listener(parsed.data);
      } catch (error) {
        console.error(`Doppel: a ${event} listener failed`, error);
      }
    }
  }
}
