import { describe, expect, it } from 'vitest';
import { isValidUtf8, printableBytes } from './file-name-bytes';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('file names as bytes', () => {
  it('accepts valid UTF-8, U+FFFD itself included', () => {
    for (const text of ['IMG_1.jpg', 'Café Ω.jpg', '写真.jpg', '😀.png', 'caf\uFFFD.jpg'])
      expect(isValidUtf8(Buffer.from(text)), text).toBe(true);
  });

  it('refuses stray, overlong, truncated and surrogate sequences', () => {
    for (const value of [
      bytes(0xff),
      bytes(0x80),
      bytes(0xc0, 0xaf), // overlong "/"
      bytes(0xe0, 0x80, 0xaf),
      bytes(0xed, 0xa0, 0x80), // a UTF-16 surrogate
      bytes(0xf4, 0x90, 0x80, 0x80), // beyond U+10FFFF
      bytes(0x61, 0xe2, 0x82), // cut short
    ])
      expect(isValidUtf8(value), [...value].join(',')).toBe(false);
  });

  it('prints the valid text and each bad byte as \\xNN', () => {
    expect(
      printableBytes(Buffer.concat([Buffer.from('IMG_'), bytes(0xff, 0xfe), Buffer.from('é.jpg')])),
    ).toBe('IMG_\\xff\\xfeé.jpg');
    expect(printableBytes(bytes(0xe2, 0x82, 0x41))).toBe('\\xe2\\x82A');
  });
});
