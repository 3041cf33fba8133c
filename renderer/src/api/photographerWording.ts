import type { ErrorCode } from '../../../shared/contract';

/** Where a window user changes the model: the Settings screen's section and field. */
export const MODEL_SETTING = 'Settings → Image model';

/**
 * The engine writes some of its messages for the command line too ("Pass --model DIR …"). A window user has no
 * command line to pass a flag on, so for the model's failures the window has words of its own, pointing at
 * Settings instead.
 */
const modelErrorText: Partial<Record<ErrorCode, string>> = {
  'model-offline': `Doppel could not download the image model: the model hub cannot be reached (offline, or blocked by a firewall). Identical files and re-saved copies are found without it; similar shots need it. Connect to the internet, or choose a model folder you already have in ${MODEL_SETTING}.`,
  'model-download-corrupt': `The image model arrived damaged twice. Try again later, or choose a model folder you already have in ${MODEL_SETTING}.`,
  'model-download-interrupted': `The download of the image model was interrupted. Try again to resume it, or choose a model folder you already have in ${MODEL_SETTING}.`,
  'no-model': `Search needs the image model, and Doppel was started without one. Choose a model in ${MODEL_SETTING}, then start Doppel again.`,
  'not-embedded':
    'None of your photos has been read with the image model yet. Doppel reads them after finding identical files and re-saved copies; try again in a moment, or choose Update all in Library.',
};

export function modelErrorFor(code: ErrorCode): string | undefined {
  return modelErrorText[code];
}

// A sentence ends at . ! or ? followed by a space (so "huggingface.co" and "photo.jpg" do not end one).
const sentences = /[\s\S]+?(?:[.!?](?=\s|$)|$)/g;
const commandLineAdvice = /(?:^|\s)--[a-z][a-z-]*\b|\bdoppel (?:index|serve|status|search|duplicates)\b/i;

/**
 * `text` without the sentences that tell the user to pass a command-line flag or run a command, which mean
 * nothing in the window; when one was `--model`, the window's way to choose a model instead.
 */
export function withoutCommandLineAdvice(text: string): string {
  const parts = (text.match(sentences) ?? []).filter((part) => part.trim() !== '');
  const kept = parts.filter((part) => !commandLineAdvice.test(part));
  if (kept.length === parts.length) return text;
  const aboutModel = parts.some((part) => /--model\b/.test(part));
  const hint = aboutModel ? [` You can choose a model folder you already have in ${MODEL_SETTING}.`] : [];
  return [...kept, ...hint].join('').trim();
}
