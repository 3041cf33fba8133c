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

describe('describeError for the model', () => {
  const offline =
    'Cannot download the model Xenova/clip-vit-base-patch32 from https://huggingface.co/ (ECONNREFUSED). Offline? Pass --model DIR with a downloaded model folder (or choose one in Settings).';

  it('words a failed model download for a photographer: no CLI flag, Settings named', () => {
    const text = describeError(new EngineError(offline, 'model-offline'));
    expect(text).not.toMatch(/--model|Pass /);
    expect(text).toContain('Settings → Image model');
    expect(text).toContain('Identical files and re-saved copies are found without it');
  });

  it('drops the CLI advice even when the code was lost on the way (the desktop IPC wrapper)', () => {
    const wrapped = new Error(`Error invoking remote method 'doppel:invoke:indexFolders': Error: ${offline}`);
    const text = describeError(wrapped);
    expect(text).not.toContain('--model');
    expect(text).toContain('Settings → Image model');
  });
});
