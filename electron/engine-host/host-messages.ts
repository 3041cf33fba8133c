import type { EventName } from '../../shared/contract/events';
import type { WireError } from '../../shared/contract/errors';
import type { MethodName } from '../../shared/contract/methods';

/** Messages between Electron main and the engine's utility process (structured clone over parentPort). */
export type MainToEngine =
  /** A contract call with the request as the window sent it: the utility process parses it (once). */
  | { type: 'call'; id: number; method: MethodName; request: unknown }
  | { type: 'trashed'; id: number; error: string | null }
  /** A query photo's bytes (pasted in the window); answered with a `result` holding the upload id. */
  | { type: 'upload'; id: number; bytes: Uint8Array }
  /** Is this path a photo in the library? Answered with a `result` holding a boolean (see main's reveal). */
  | { type: 'isIndexed'; id: number; path: string }
  /** The app is quitting: close the database cleanly, then exit. */
  | { type: 'shutdown' };

export type EngineToMain =
  | { type: 'ready'; mediaBase: string }
  | { type: 'result'; id: number; result?: unknown; error?: WireError }
  | { type: 'event'; event: EventName; payload: unknown }
  /** The engine asks main to move a file to the OS trash (only main can reach shell.trashItem). */
  | { type: 'trash'; id: number; path: string }
  /** No engine can run with these settings here (Windows has no embedded database); Settings still work. */
  | { type: 'needs-server'; message: string }
  | { type: 'fatal'; message: string };
