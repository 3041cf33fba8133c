import type { ErrorCode } from '../../../shared/contract';

/** An error whose message is meant for the user; `code` is the engine's stable code when there is one. */
export class EngineError extends Error {
  readonly code: ErrorCode;

  constructor(message: string, code: ErrorCode = 'unknown') {
    super(message);
    this.name = 'EngineError';
    this.code = code;
  }
}

// Electron wraps errors thrown in ipcMain.handle as "Error invoking remote method 'channel': Error: message".
// The user must only ever see the last part, which the engine wrote for them.
const electronInvokePrefix = /^Error invoking remote method '[^']*':\s*(?:[A-Za-z]*Error:\s*)?/;

/** Words for the user, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof EngineError) return error.message;
  if (error instanceof Error) {
    const message = error.message.replace(electronInvokePrefix, '').trim();
    return message || 'Something went wrong. Please try again.';
  }
  if (typeof error === 'string' && error.trim()) return error;
  return 'Something went wrong. Please try again.';
}
