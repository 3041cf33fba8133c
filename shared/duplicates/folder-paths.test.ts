import { describe, expect, it } from 'vitest';
import { folderHolding, isInFolder, lastPathPart, parentFolder } from './folder-paths';

describe('folder paths', () => {
  it('finds a path in a folder on a separator boundary only, with either separator', () => {
    expect(isInFolder('/a/b/c.jpg', '/a/b')).toBe(true);
    expect(isInFolder('/a/b', '/a/b')).toBe(true);
    expect(isInFolder('/a/b/c.jpg', '/a/b/')).toBe(true);
    expect(isInFolder('/a/bc/c.jpg', '/a/b')).toBe(false);
    expect(isInFolder('C:\\Photos\\x.jpg', 'C:\\Photos')).toBe(true);
    expect(isInFolder('C:\\Photos2\\x.jpg', 'C:\\Photos')).toBe(false);
    expect(isInFolder('/a', '')).toBe(false);
  });

  it('picks the deepest folder holding a path', () => {
    expect(folderHolding('/a/b/c.jpg', ['/a', '/a/b', '/x'])).toBe('/a/b');
    expect(folderHolding('/y/c.jpg', ['/a'])).toBeNull();
  });

  it('names the last part and the parent', () => {
    expect(lastPathPart('/a/Master archive/')).toBe('Master archive');
    expect(lastPathPart('C:\\x\\y.jpg')).toBe('y.jpg');
    expect(lastPathPart('/')).toBe('/');
    expect(parentFolder('/a/b.jpg')).toBe('/a');
    expect(parentFolder('/b.jpg')).toBe('/');
  });
});
