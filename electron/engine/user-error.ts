import type { ErrorCode } from '../../shared/contract/errors';

/** An error meant for the user's eyes: a stable code for programs and a sentence that says what to do. */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
