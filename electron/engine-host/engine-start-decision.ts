import type { StorageSettings } from '../../shared/contract/entities';
import {
  embeddedDatabaseAvailable,
  EMBEDDED_UNAVAILABLE_MESSAGE,
} from '../engine/store/embedded-availability';

export type EngineStartDecision = { kind: 'start' } | { kind: 'needs-server'; message: string };

/**
 * Whether the desktop app can start its engine with these settings on this platform. On Windows with the
 * embedded database chosen (the default) the engine could only fail, and the restart policy would start it
 * again and again: instead the window opens and leads the user to Settings to name a ClickHouse server.
 * Pure, so it is tested under Node for every platform.
 */
export function decideEngineStart(
  platform: NodeJS.Platform,
  storage: StorageSettings['kind'],
): EngineStartDecision {
  if (storage === 'embedded' && !embeddedDatabaseAvailable(platform)) {
    return { kind: 'needs-server', message: EMBEDDED_UNAVAILABLE_MESSAGE };
  }
  return { kind: 'start' };
}
