import { useContext } from 'react';
import { EngineContext } from '../api/EngineContext';
import type { EngineClient } from '../api/engineClient';

export function useEngine(): EngineClient {
  const client = useContext(EngineContext);
  if (!client) throw new Error('useEngine must be used inside <EngineProvider>');
  return client;
}
