import { inspect } from 'node:util';

/**
 * Details for whoever investigates a failure (`--verbose`, DOPPEL_VERBOSE=1): what a library printed, with
 * its causes and stack. Without it a user sees only Doppel's one-line message, which says what to do.
 */
let verbose = process.env.DOPPEL_VERBOSE === '1';
let sink: (text: string) => void = (text) => void process.stderr.write(text);

export function setVerbose(on: boolean): void {
  verbose = on;
}

export function isVerbose(): boolean {
  return verbose;
}

/** Where details go (stderr by default; the CLI's own output in tests). */
export function setVerboseSink(write: (text: string) => void): void {
  sink = write;
}

/** One detail from `source`, written only in verbose mode; objects and errors shown in full. */
export function logDetail(source: string, message: string, ...details: unknown[]): void {
  if (!verbose) return;
  const rest = details
    .filter((detail) => detail !== undefined)
    .map((detail) => `\n${typeof detail === 'string' ? detail : inspect(detail, { depth: 4 })}`)
    .join('');
  sink(`doppel [${source}] ${message}${rest}\n`);
}
