import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchDirectoryTree, type TreeWatcher } from './directory-tree-watcher';

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Write a file until the watcher reports it: a new folder's watch is attached asynchronously, and how soon
 * depends on the machine's load, so a single write right after creating the folder could race it. (The
 * library watcher does not depend on that race: the folder's own event rescans its whole subtree.)
 */
async function writeUntilSeen(path: string, seen: string[], what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!seen.includes(path)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await writeFile(path, 'x');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('watchDirectoryTree', () => {
  let root: string;
  let watcher: TreeWatcher | null = null;
  let seen: string[];

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'doppel-tree-'));
    seen = [];
  });

  afterEach(async () => {
    watcher?.close();
    await rm(root, { recursive: true, force: true });
  });

  const start = async (exclude: string[] = []) => {
    watcher = await watchDirectoryTree(root, {
      exclude,
      onChange: (path) => seen.push(path),
      onError: (error) => {
        throw error;
      },
    });
  };

  it('sees files in existing folders, and in folders created or moved in after it started', async () => {
    await mkdir(join(root, '2023', 'summer'), { recursive: true });
    await start();
    await writeFile(join(root, '2023', 'summer', 'a.jpg'), 'x');
    await until(() => seen.includes(join(root, '2023', 'summer', 'a.jpg')), 'a.jpg is seen');

    await mkdir(join(root, 'new', 'deeper'), { recursive: true });
    await until(() => seen.includes(join(root, 'new')), 'the new folder is seen');
    await writeUntilSeen(join(root, 'new', 'deeper', 'b.jpg'), seen, 'b.jpg in a new folder is seen');

    await rename(join(root, 'new'), join(root, 'renamed'));
    await writeUntilSeen(join(root, 'renamed', 'deeper', 'c.jpg'), seen, 'c.jpg in a moved folder is seen');
  });

  it('never enters hidden or excluded folders, and survives a symlink loop', async () => {
    await mkdir(join(root, '.thumbnails'), { recursive: true });
    await mkdir(join(root, 'data', 'db'), { recursive: true });
    await mkdir(join(root, 'photos'), { recursive: true });
    await symlink(root, join(root, 'photos', 'loop'));
    await start([join(root, 'data')]);
    await writeFile(join(root, '.thumbnails', 't.jpg'), 'x');
    await writeFile(join(root, 'data', 'db', 'part.bin'), 'x');
    await writeFile(join(root, 'photos', 'p.jpg'), 'x');
    await until(() => seen.includes(join(root, 'photos', 'p.jpg')), 'p.jpg is seen');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen.filter((path) => path.includes('.thumbnails') && path.endsWith('t.jpg'))).toEqual([]);
    expect(seen.filter((path) => path.endsWith('part.bin'))).toEqual([]);
  });

  it('never enters an excluded folder through a link to it or into it', async () => {
    const data = await mkdtemp(join(tmpdir(), 'doppel-tree-data-'));
    try {
      await mkdir(join(data, 'db'), { recursive: true });
      await mkdir(join(root, 'photos'), { recursive: true });
      await symlink(join(data, 'db'), join(root, 'photos', 'db-link'));
      await start([data]);
      await writeFile(join(data, 'db', 'part.bin'), 'x');
      await writeFile(join(root, 'photos', 'p.jpg'), 'x');
      await until(() => seen.includes(join(root, 'photos', 'p.jpg')), 'p.jpg is seen');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(seen.filter((path) => path.endsWith('part.bin'))).toEqual([]);
    } finally {
      await rm(data, { recursive: true, force: true });
    }
  });

  it('refuses a root it cannot watch', async () => {
    await expect(
      watchDirectoryTree(join(root, 'missing'), { exclude: [], onChange: () => {}, onError: () => {} }),
    ).rejects.toThrow();
  });
});
