import type { ErrorCode } from '../../../shared/contract';
import { modelErrorFor, withoutCommandLineAdvice } from './photographerWording';

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

const fallback = 'Something went wrong. Please try again.';

/** Words for the user, whatever was thrown: the window's own for the model's failures, never a CLI flag. */
export function describeError(error: unknown): string {
  if (error instanceof EngineError)
    return modelErrorFor(error.code) ?? withoutCommandLineAdvice(error.message);
  if (error instanceof Error) {
    const message = withoutCommandLineAdvice(error.message.replace(electronInvokePrefix, '').trim());
    return message || fallback;
  }
  if (typeof error === 'string' && error.trim()) return withoutCommandLineAdvice(error);
  return fallback;
}
