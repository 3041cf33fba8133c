import { closeSync, constants, fstatSync, openSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE, writePrivateFileAtomic } from './private-files';

export interface LockOwner {
  pid: number;
  role: string;
  startedAt: string;
  /** Where a running `serve` answers, so another process can point the user there. */
  url?: string;
  /** How another Doppel process of this user hands its command to the holder (see `HandoffEndpoint`). */
  handoff?: HandoffEndpoint;
}

/**
 * The holder's API for a second Doppel process (the CLI while the app or `serve` runs): a loopback URL and
 * a random token made for this alone, never printed, that lives only in the owner file (0600 in a 0700
 * folder), so only the same OS user can read it. It is not serve's login token, which the user may have
 * chosen and may use elsewhere.
 */
export interface HandoffEndpoint {
  url: string;
  token: string;
}

export interface DataDirLock {
  /** Let the folder go: the description is removed (if it is still ours) and the kernel lock dropped. */
  release(): void;
  /** Add details to the description, such as serve's URL. */
  update(extra: Partial<LockOwner>): void;
}

/** The file the kernel lock is taken on. It stays in the folder: deleting it would let two processes lock two files. */
export const LOCK_FILE = 'doppel.lock';
/** Who holds the lock, for the message a second process shows. Only a description: the kernel decides. */
export const OWNER_FILE = 'doppel-owner.json';
/** Far more than Doppel writes: a larger owner file is not Doppel's and is not read. */
const MAX_OWNER_FILE_BYTES = 16 * 1024;

export class DataDirBusyError extends Error {
  override name = 'DataDirBusyError';
  constructor(
    readonly dataDir: string,
    /** The holder's description, or null when it is missing, unreadable or names a process that is gone. */
    readonly owner: LockOwner | null,
  ) {
    super(
      `Doppel's data folder ${dataDir} is in use by ${owner ? `${describeOwner(owner)} (pid ${owner.pid}, since ${owner.startedAt})` : 'another Doppel process'}. ` +
        `A data folder serves one Doppel process at a time: ${owner?.url ? `use it at ${owner.url}, or ` : ''}stop it, or pass --data-dir for another library.`,
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

/** fs-native-extensions' locking calls: flock-style advisory locks (OFD locks on Linux, LockFileEx on Windows). */
export interface KernelLock {
  tryLock(fd: number): boolean;
  unlock(fd: number): void;
}

/**
 * Loaded on first use, so that a platform without a build of the lock module fails here, with a sentence,
 * and not when any file importing DataDirBusyError loads (require caches it after the first time). There
 * is no fallback to a lock file judged by PIDs: that refuses after crashes and lets racing processes both
 * in, and two processes writing one database can damage the library. Doppel stops instead.
 */
export function loadKernelLock(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  load: () => unknown = () => require('fs-native-extensions'),
): KernelLock {
  try {
    return load() as KernelLock;
  } catch (error) {
    throw new Error(
      `Doppel cannot lock its data folder on this system (${process.platform}-${process.arch}): its file-lock module did not load (${firstLine(error)}). ` +
        'Without that lock two Doppel processes could write one library at once, so Doppel does not start.',
      { cause: error },
    );
  }
}

/**
 * One Doppel process per data folder, embedded database or ClickHouse server alike: settings, models,
 * uploads, thumbnails and the watcher are per folder. The kernel judges: an exclusive advisory lock on
 * doppel.lock, held through an open file for the life of the process and released by the OS the moment
 * the process ends, however it ends (kill -9, a crash, a power cut). PIDs decide nothing, so a dead
 * process's leftovers and a recycled PID never block, and of processes racing for a folder exactly one wins.
 */
export function acquireDataDirLock(
  dataDir: string,
  role: string,
  kernel: KernelLock = loadKernelLock(),
): DataDirLock {
  ensurePrivateDir(dataDir);
  const ownerFile = join(dataDir, OWNER_FILE);
  const fd = openSync(join(dataDir, LOCK_FILE), 'a+', PRIVATE_FILE_MODE);
  let locked: boolean;
  try {
    locked = kernel.tryLock(fd);
  } catch (error) {
    closeSync(fd);
    throw new Error(
      `Doppel cannot lock its data folder ${dataDir}: the file system refuses file locks (${(error as NodeJS.ErrnoException).code ?? firstLine(error)}). ` +
        'Keep the data folder on a local disk (pass --data-dir).',
      { cause: error },
    );
  }
  if (!locked) {
    closeSync(fd);
    throw new DataDirBusyError(dataDir, readLiveOwner(ownerFile));
  }

  let owner: LockOwner = { pid: process.pid, role, startedAt: new Date().toISOString() };
  let written: string | null = null;
  const describe = () => {
    const text = JSON.stringify(owner);
    writePrivateFileAtomic(ownerFile, text);
    written = text;
  };
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // Removed while still locked, and only if it is still the text we wrote: never another's description.
    if (written !== null && readText(ownerFile) === written) rmSync(ownerFile, { force: true });
    try {
      kernel.unlock(fd);
    } finally {
      closeSync(fd);
    }
  };
  try {
    describe();
  } catch (error) {
    release();
    throw error;
  }
  process.on('exit', release);
  return {
    release,
    update(extra) {
      if (released) return;
      owner = { ...owner, ...extra };
      describe();
    },
  };
}

/**
 * The holder's description, checked like any input from disk: it may be half of an older Doppel's file,
 * hand-edited, or left by a process that is gone (the lock's holder has not written its own yet).
 */
function readLiveOwner(file: string): LockOwner | null {
  const text = readText(file);
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isLockOwner(value)) return null;
  if (value.pid !== process.pid && !isAlive(value.pid)) return null;
  return value;
}

function isLockOwner(value: unknown): value is LockOwner {
  if (typeof value !== 'object' || value === null) return false;
  const { pid, role, startedAt, url, handoff } = value as Record<string, unknown>;
  // Shown in a terminal: no control characters, nothing but what Doppel itself writes.
  return (
    Number.isSafeInteger(pid) &&
    (pid as number) > 0 &&
    typeof role === 'string' &&
    /^[a-z][a-z-]{0,31}$/.test(role) &&
    typeof startedAt === 'string' &&
    /^[0-9T:.Z+-]{1,40}$/.test(startedAt) &&
    (url === undefined || isUrlText(url)) &&
    (handoff === undefined || isHandoffEndpoint(handoff))
  );
}

function isUrlText(url: unknown): url is string {
  return typeof url === 'string' && /^https?:\/\/[!-~]{1,2000}$/.test(url);
}

/** Only its shape: whether the URL is one the token may be sent to is the sender's check (cli/handoff-target.ts). */
function isHandoffEndpoint(value: unknown): value is HandoffEndpoint {
  if (typeof value !== 'object' || value === null) return false;
  const { url, token } = value as Record<string, unknown>;
  return isUrlText(url) && typeof token === 'string' && /^[A-Za-z0-9._~-]{32,256}$/.test(token);
}

/**
 * The owner file's text, or null. It now holds a credential that the reader may send, so it is read only as
 * Doppel writes it: a regular file (a link is not followed, a FIFO not waited on), this user's, no larger
 * than Doppel's own; checked on the opened descriptor, so a swap after a look cannot win.
 */
function readText(file: string): string | null {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch {
    return null;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile() || info.size > MAX_OWNER_FILE_BYTES) return null;
    if (process.getuid && info.uid !== process.getuid()) return null;
    const buffer = Buffer.alloc(MAX_OWNER_FILE_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return length > MAX_OWNER_FILE_BYTES ? null : buffer.toString('utf8', 0, length);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** Whether a description's pid still runs: only to tell a stale description from the holder's. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
