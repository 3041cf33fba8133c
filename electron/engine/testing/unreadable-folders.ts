/**
 * Folders whose listing fails with EACCES, as a chmod 000 folder does for a normal user. Tests run as root in
 * CI containers, where chmod does not stop reads, so they stand in for the permission error through
 * `vi.mock('node:fs/promises', …)` with `withUnreadableReaddir`.
 */
export const unreadableFolders = new Set<string>();

type FsPromises = typeof import('node:fs/promises');

export function withUnreadableReaddir(actual: FsPromises): FsPromises {
  const readdir = (async (path: Parameters<FsPromises['readdir']>[0], ...rest: unknown[]) => {
    if (unreadableFolders.has(String(path))) {
      throw Object.assign(new Error(`EACCES: permission denied, scandir '${String(path)}'`), {
        code: 'EACCES',
      });
    }
    return (actual.readdir as (...args: unknown[]) => Promise<unknown>)(path, ...rest);
  }) as FsPromises['readdir'];
  return { ...actual, readdir, default: { ...actual, readdir } } as FsPromises;
}
