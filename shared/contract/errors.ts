/**
 * Every code an error may carry across a process boundary, in one list: the hosts send them, the window
 * reads them, and the engine's `UserError` takes only these (so a new one is declared here first).
 */
export const ERROR_CODES = [
  // What any host answers about a request, whichever method it named.
  /** The request does not match the contract (a missing field, an unknown method, unreadable JSON). */
  'bad-request',
  /** The browser has no valid login token for `doppel serve`. */
  'unauthorized',
  /** No such route or method. */
  'not-found',
  /** A body larger than the host accepts. */
  'too-large',
  /** Doppel is doing too much already (indexing running, too many photos being prepared). */
  'busy',
  /** Anything unexpected: the message says what. */
  'failed',

  // The engine's own refusals (UserError).
  'bad-image',
  'embedded-unavailable',
  'empty-query',
  'folder',
  'model-download-corrupt',
  'model-download-interrupted',
  'model-file-missing',
  'model-mismatch',
  'model-offline',
  'model-unloadable',
  'no-model',
  'no-text-model',
  'not-a-library-folder',
  'not-embedded',
  'thumbnail-folder',
  /** No engine can run with these settings here (Windows has no embedded database): choose a server. */
  'needs-server',
  /** This data folder's machine.json (which computer it is, in a shared index) cannot be read. */
  'machine-file',

  // The HTTP host's refusals before any method runs.
  'wrong-host',
  'method-not-allowed',
  'cross-site',
  'not-indexed',

  // The desktop app: the engine's process is gone (it restarts by itself, or the user restarts it), or is
  // still opening the server just saved.
  'engine-stopped',
  'starting',

  // The window's own, when no answer (or no readable one) came back.
  'unreachable',
  'bad-response',
  'no-file-path',
  'unknown',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return (ERROR_CODES as readonly unknown[]).includes(value);
}

/** An error that crossed a process boundary: a stable code and words a photographer understands. */
export interface WireError {
  code: ErrorCode;
  message: string;
}
