import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChangedDirectories, topmost } from './changed-directories';

const root = join('/', 'lib');
const other = join('/', 'other');

describe('changed directories', () => {
  it('keeps only the topmost changed folders of each library folder', () => {
    const changes = new ChangedDirectories();
    changes.add(root, join(root, '2024', 'june'));
    changes.add(root, join(root, '2024'));
    changes.add(root, join(root, '2024 trip'));
    changes.add(root, join(root, '2025', 'a', 'b'));
    changes.add(other, join(other, 'x'));
    expect(changes.take()).toEqual([
      { folder: root, subtrees: [join(root, '2024'), join(root, '2024 trip'), join(root, '2025', 'a', 'b')] },
      { folder: other, subtrees: [join(other, 'x')] },
    ]);
    expect(changes.size).toBe(0);
  });

  it('falls back to the whole library folder for its own change, a path outside it, or too many folders', () => {
    const changes = new ChangedDirectories(3);
    changes.add(root, join(root, 'a'));
    changes.add(root);
    changes.add(root, join(root, 'b'));
    changes.add(other, join('/', 'elsewhere'));
    expect(changes.take()).toEqual([
      { folder: root, subtrees: [root] },
      { folder: other, subtrees: [other] },
    ]);
    for (const name of ['a', 'b', 'c']) changes.add(root, join(root, name));
    expect(changes.take()).toEqual([{ folder: root, subtrees: ['a', 'b', 'c'].map((n) => join(root, n)) }]);
    for (const name of ['a', 'b', 'c', 'd']) changes.add(root, join(root, name));
    expect(changes.take()).toEqual([{ folder: root, subtrees: [root] }]);
  });

  it('collapses nested folders even when a sibling sorts between them', () => {
    expect(topmost([join(root, 'a', 'b'), join(root, 'a b'), join(root, 'a')])).toEqual([
      join(root, 'a'),
      join(root, 'a b'),
    ]);
  });
});
