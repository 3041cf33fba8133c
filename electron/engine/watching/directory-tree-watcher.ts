import { watch, type FSWatcher } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { ExcludedFolders } from '../indexing/excluded-folders';

export interface TreeWatcher {
  close(): void;
}

/**
 * A recursive watcher made of one non-recursive fs.watch per directory. On Linux, Node's own recursive mode
 * puts an inotify watch on every FILE and walks the tree synchronously, which a 100k-photo library cannot
 * afford (the inotify limit, a frozen event loop at start); photos live in far fewer folders. New folders get
 * watchers as they appear, vanished ones lose theirs; hidden and excluded folders are never entered (by real
 * path: nor through a link to them or into them), and a symlinked folder is followed once by its real path,
 * like the scanner does.
 *
 * Rejects (ENOSPC: out of inotify watches, EACCES…) when the tree cannot be watched whole, so the caller can
 * fall back to rescanning; later failures go to `onError`.
 */
export async function watchDirectoryTree(
  root: string,
  options: { exclude: string[]; onChange: (path: string) => void; onError: (error: unknown) => void },
): Promise<TreeWatcher> {
  const watchers = new Map<string, FSWatcher>();
  const realDirs = new Map<string, string>();
  const reals = new Set<string>();
  let closed = false;
  const excluded = new ExcludedFolders(options.exclude);

  const unwatch = (dir: string) => {
    for (const [path, watcher] of watchers)
      if (path === dir || path.startsWith(dir + sep)) {
        watcher.close();
        watchers.delete(path);
        reals.delete(realDirs.get(path)!);
        realDirs.delete(path);
      }
  };

  async function add(dir: string, strict: boolean): Promise<void> {
    if (closed || watchers.has(dir) || excluded.coversReal(resolve(dir))) return;
    const real = await realpath(dir).catch(() => null);
    if (!real || reals.has(real) || excluded.coversReal(real)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, { persistent: false }, (_event, name) => {
        const path = name ? join(dir, name.toString()) : dir;
        options.onChange(path);
        if (!name || name.toString().startsWith('.')) return;
        // A folder created or moved in gets its watchers; one deleted or moved away loses them.
        void stat(path).then(
          (info) => (info.isDirectory() ? add(path, false).catch(options.onError) : undefined),
          () => unwatch(path),
        );
      });
    } catch (error) {
      if (strict) throw error;
      options.onError(error);
      return;
    }
    watcher.on('error', (error) => {
      unwatch(dir);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') options.onError(error);
    });
    watchers.set(dir, watcher);
    realDirs.set(dir, real);
    reals.add(real);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (strict && dir === root) throw error;
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || !(entry.isDirectory() || entry.isSymbolicLink())) continue;
      const path = join(dir, entry.name);
      if (entry.isSymbolicLink() && !(await stat(path).catch(() => null))?.isDirectory()) continue;
      await add(path, strict);
    }
  }

  const handle: TreeWatcher = {
    close() {
      closed = true;
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
      realDirs.clear();
      reals.clear();
    },
  };
  try {
    if (!(await stat(root)).isDirectory()) throw new Error(`${root} is not a folder`);
    await add(resolve(root), true);
  } catch (error) {
    handle.close();
    throw error;
  }
  return handle;
}
