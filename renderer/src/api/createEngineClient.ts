import { BRIDGE_GLOBAL_NAME, type DoppelBridge } from '../../../shared/contract';
import { createBridgeClient } from './bridgeClient';
import type { EngineClient } from './engineClient';
import { createHttpClient } from './httpClient';

/** The desktop preload installs the bridge; anywhere else the page talks to `doppel serve` over HTTP. */
export function createEngineClient(): EngineClient {
  const bridge = (window as unknown as Record<string, DoppelBridge | undefined>)[BRIDGE_GLOBAL_NAME];
  return bridge ? createBridgeClient(bridge) : createHttpClient();
}
