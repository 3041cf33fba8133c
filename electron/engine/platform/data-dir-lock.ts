import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface LockOwner {
  pid: number;
  role: string;
  startedAt: string;
  /** Where a running `serve` answers, so another process can point the user there. */
  url?: string;
}

export class DataDirBusyError extends Error {
  override name = 'DataDirBusyError';
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `Doppel's data folder ${dataDir} is in use by ${describeOwner(owner)} (pid ${owner.pid}, since ${owner.startedAt}). ` +
        `The embedded database allows one process at a time: ${owner.url ? `use it at ${owner.url}, or ` : ''}stop it, or pass --data-dir for another library.`,
    );
  }
}

function describeOwner(owner: LockOwner): string {
  return owner.role === 'app'
    ? 'the Doppel app'
    : owner.role === 'serve'
      ? '`doppel serve`'
      : `\`doppel ${owner.role}\``;
}

/**
 * One Doppel process per data folder. chdb enforces it too, but only with a cryptic error after opening;
 * this lock says who holds the folder. A lock whose process is gone is taken over.
 */
export function acquireDataDirLock(
  dataDir: string,
  role: string,
): { release(): void; update(extra: Partial<LockOwner>): void } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'doppel.lock');
  let owner: LockOwner = { pid: process.pid, role, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify(owner));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return {
        release,
        update(extra) {
          owner = { ...owner, ...extra };
          rmSync(file, { force: true });
          const fd2 = openSync(file, 'wx');
          writeSync(fd2, JSON.stringify(owner));
          closeSync(fd2);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readOwner(file);
      if (holder && holder.pid !== process.pid && isAlive(holder.pid))
        throw new DataDirBusyError(dataDir, holder);
      rmSync(file, { force: true }); // stale: its process died without cleaning up (kill -9, crash)
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

function readOwner(file: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
