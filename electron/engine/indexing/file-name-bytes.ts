/**
 * File names that are not valid text. On Linux a name is any bytes but `/` and NUL; Node decodes names as
 * UTF-8 and turns each invalid byte into U+FFFD, so the decoded path names no file. Paths are strings all
 * the way to the database, the UI and the CLI's JSON: such a file cannot be indexed by its name, so it is
 * reported in a printable form instead of being skipped without a word.
 */

/** Length of the valid UTF-8 sequence at `i`, or 0 when the byte there does not start one. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!;
  if (lead < 0x80) return 1;
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) low = 0xa0; // overlong
    if (lead === 0xed) high = 0x9f; // UTF-16 surrogates
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) low = 0x90; // overlong
    if (lead === 0xf4) high = 0x8f; // beyond U+10FFFF
  } else return 0;
  if (i + length > bytes.length) return 0;
  const second = bytes[i + 1]!;
  if (second < low || second > high) return 0;
  for (let k = 2; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return 0;
  return length;
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length;) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return false;
    i += length;
  }
  return true;
}

/** The name as text where it is valid UTF-8, each byte that is not as `\xNN`: `IMG_\xff\xfe.jpg`. */
export function printableBytes(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length;) {
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      text += `\\x${bytes[i]!.toString(16).padStart(2, '0')}`;
      i += 1;
    } else {
      text += Buffer.from(bytes.subarray(i, i + length)).toString('utf8');
      i += length;
    }
  }
  return text;
}

export const NOT_TEXT_FILE = 'has a file name that is not valid text (UTF-8): rename it to index it';
export const NOT_TEXT_FOLDER =
  'has a folder name that is not valid text (UTF-8): rename it to index the photos in it';
