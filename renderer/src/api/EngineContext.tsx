import { createContext, type ReactNode } from 'react';
import type { EngineClient } from './engineClient';

export const EngineContext = createContext<EngineClient | null>(null);

/** Screens get the client from context, so tests can hand them a fake without touching window. */
export function EngineProvider({ client, children }: { client: EngineClient; children: ReactNode }) {
  return <EngineContext.Provider value={client}>{children}</EngineContext.Provider>;
}
