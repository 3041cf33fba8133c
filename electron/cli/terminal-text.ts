/**
 * Characters of a file name that must never reach a terminal as they are: C0 controls (ESC starts the
 * sequences that recolour, move the cursor or retitle the window; a newline splits one entry into two),
 * DEL, C1 controls (0x9B is a one-character ESC [), the line and paragraph separators, and the bidi
 * overrides and isolates that make a name display as another (`photo\u202Egpj.exe`).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Text for a terminal: every unsafe character shown as an escape (`\x1b`, `\x0a`, `\u{202e}`) so a name
 * is printed on one line and exactly as readable as it is, and nothing in it is obeyed. For text output
 * only: JSON output carries names exactly.
 */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, (character) => {
    const code = character.codePointAt(0)!;
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}
