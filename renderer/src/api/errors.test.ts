import { describe, expect, it } from 'vitest';
import { describeError, EngineError } from './errors';

describe('describeError', () => {
  it('strips Electron’s IPC wrapper so the user sees only the engine’s words', () => {
    const wrapped = new Error(
      "Error invoking remote method 'doppel:invoke:trash': Error: The file is open in another app.",
    );
    expect(describeError(wrapped)).toBe('The file is open in another app.');
  });

  it('keeps engine errors as they are', () => {
    expect(describeError(new EngineError('No such folder.', 'not-found'))).toBe('No such folder.');
  });
});
