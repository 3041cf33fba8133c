import { describe, expect, it } from 'vitest';
import { terminalText } from './terminal-text';

describe('terminalText', () => {
  it('shows escape sequences, newlines and other controls as escapes, on one line', () => {
    expect(terminalText('/p/evil\x1b[31mred\nline\r\t.jpg')).toBe(
      '/p/evil\\x1b[31mred\\x0aline\\x0d\\x09.jpg',
    );
    expect(terminalText('\x00\x07\x7f\x9b')).toBe('\\x00\\x07\\x7f\\x9b');
  });

  it('shows bidi overrides and isolates as \\u{…}, so a name cannot display as another', () => {
    expect(terminalText('photo\u202egpj.exe')).toBe('photo\\u{202e}gpj.exe');
    expect(terminalText('\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u2028')).toBe(
      '\\u{202a}\\u{202b}\\u{202c}\\u{202d}\\u{2066}\\u{2067}\\u{2068}\\u{2069}\\u{2028}',
    );
  });

  it('leaves every other name as it is: accents, other scripts, emoji, backslashes', () => {
    for (const name of [
      'Café Ω.jpg',
      '写真 2024.heic',
      '😀.png',
      'C:\\Users\\ann\\IMG 1.jpg',
      'caf\u00e9\u0301',
    ])
      expect(terminalText(name)).toBe(name);
  });
});
