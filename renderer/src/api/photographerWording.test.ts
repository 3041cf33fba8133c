import { describe, expect, it } from 'vitest';
import { withoutCommandLineAdvice } from './photographerWording';

describe('withoutCommandLineAdvice', () => {
  it('drops the sentence that says to pass --model and points at Settings instead', () => {
    const engine =
      'Cannot download the model Xenova/clip-vit-base-patch32 from https://huggingface.co/ (ECONNREFUSED). Offline? Pass --model DIR with a downloaded model folder (or choose one in Settings).';
    expect(withoutCommandLineAdvice(engine)).toBe(
      'Cannot download the model Xenova/clip-vit-base-patch32 from https://huggingface.co/ (ECONNREFUSED). Offline? You can choose a model folder you already have in Settings → Image model.',
    );
  });

  it('drops a sentence that says to run a doppel command, with no model hint when it was not about the model', () => {
    expect(withoutCommandLineAdvice('The library changed. Run doppel index again to see it.')).toBe(
      'The library changed.',
    );
  });

  it('leaves text with no command-line advice exactly as it is (file names with dots included)', () => {
    const text = 'The file /photos/IMG_1.jpg is damaged. It was skipped.';
    expect(withoutCommandLineAdvice(text)).toBe(text);
  });
});
