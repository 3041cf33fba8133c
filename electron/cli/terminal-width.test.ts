import { describe, expect, it } from 'vitest';
import { displayWidth, truncateEnd, truncateMiddle, usableColumns } from './terminal-width';

describe('terminal width', () => {
  it('counts wide characters as two columns and marks as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('写真')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('📷')).toBe(2);
  });

  it('cuts in the middle so the file name and its extension stay', () => {
    const path = '/Volumes/Photos/2024/Holidays in the mountains/IMG_20240812_141516_edited-final.jpg';
    const cut = truncateMiddle(path, 40);
    expect(displayWidth(cut)).toBeLessThanOrEqual(40);
    expect(cut).toContain('…');
    expect(cut.startsWith('/Volumes/')).toBe(true);
    expect(cut.endsWith('edited-final.jpg')).toBe(true);
    expect(truncateMiddle('short.jpg', 40)).toBe('short.jpg');
  });

  it('never splits a wide character over the limit', () => {
    const cut = truncateMiddle('写真写真写真写真写真写真写真写真.jpg', 11);
    expect(displayWidth(cut)).toBeLessThanOrEqual(11);
    expect(truncateEnd('写真写真写真', 6)).toBe('写真…');
  });

  it('uses 80 columns when the terminal does not say, and leaves the last column free', () => {
    expect(usableColumns(undefined)).toBe(79);
    expect(usableColumns(0)).toBe(79);
    expect(usableColumns(40)).toBe(39);
  });
});
