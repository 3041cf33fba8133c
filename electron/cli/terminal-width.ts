/**
 * Fitting a line to a terminal: a progress line redrawn in place must never be wider than the terminal, or
 * each redraw leaves the wrapped part behind as a stale line.
 */

/** What a terminal that does not say its width (or a width too small to use) is taken to be. */
export const DEFAULT_COLUMNS = 80;
const ELLIPSIS = '…';

/**
 * The columns a redrawn line may use: the terminal's width less one, because some terminals (Windows'
 * console among them) wrap as soon as the last column is written.
 */
export function usableColumns(columns: number | undefined): number {
  const width = columns && Number.isFinite(columns) && columns >= 10 ? Math.floor(columns) : DEFAULT_COLUMNS;
  return width - 1;
}

/** Columns a string takes on a terminal: East Asian wide characters and emoji take two, marks none. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

/** `text` cut at the end to `columns`, with an ellipsis when anything was cut. */
export function truncateEnd(text: string, columns: number): string {
  if (displayWidth(text) <= columns) return text;
  return `${takeWidth(Array.from(text), columns - 1).join('')}${ELLIPSIS}`;
}

/**
 * `text` cut in the middle to `columns`: the start (the folder) and the end (the file's own name and its
 * extension, the part a user recognises) stay, an ellipsis replaces what is between.
 */
export function truncateMiddle(text: string, columns: number): string {
  if (displayWidth(text) <= columns) return text;
  if (columns <= 1) return columns === 1 ? ELLIPSIS : '';
  const chars = Array.from(text);
  const room = columns - 1;
  const tailRoom = Math.ceil(room * 0.6);
  const tail = takeWidth([...chars].reverse(), tailRoom).reverse();
  const head = takeWidth(chars, room - displayWidth(tail.join('')));
  return `${head.join('')}${ELLIPSIS}${tail.join('')}`;
}

/** The leading characters of `chars` that fit in `columns`. */
function takeWidth(chars: string[], columns: number): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const char of chars) {
    const width = charWidth(char);
    if (used + width > columns) break;
    kept.push(char);
    used += width;
  }
  return kept;
}

function charWidth(char: string): number {
  const code = char.codePointAt(0)!;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
  if (/\p{Mn}|\p{Me}|\p{Cf}/u.test(char)) return 0;
  return isWide(code) ? 2 : 1;
}

/** The wide blocks of Unicode's East Asian Width (W and F) that file names use, and emoji. */
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}
