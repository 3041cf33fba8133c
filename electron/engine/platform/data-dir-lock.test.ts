import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirBusyError, type LockOwner } from './data-dir-lock';

let work: string;
let dataDir: string;
let lockFile: string;
const children: ChildProcess[] = [];
const releases: (() => void)[] = [];

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'doppel-lock-'));
  dataDir = join(work, 'data');
  lockFile = join(dataDir, 'doppel.lock');
});

afterEach(() => {
  for (const release of releases.splice(0)) release();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

function acquire(role: string) {
  const lock = acquireDataDirLock(dataDir, role);
  releases.push(() => lock.release());
  return lock;
}

/** Another process that is alive for the whole test: it stands in for a second Doppel holding the folder. */
async function liveProcess(): Promise<number> {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  return child.pid!;
}

/** The pid of a process that has exited and been reaped, as a crashed Doppel leaves behind. */
async function deadPid(): Promise<number> {
  const child = spawn('true', { stdio: 'ignore' });
  await new Promise((resolve) => child.once('close', resolve));
  return child.pid!;
}

function writeLock(owner: LockOwner): void {
  // The folder exists once any Doppel has used it.
  acquire('setup').release();
  writeFileSync(lockFile, JSON.stringify(owner));
}

/** The error of an acquire that must be refused; fails the test if the acquire succeeds. */
function refusal(role: string): DataDirBusyError {
  try {
    acquire(role);
  } catch (error) {
    expect(error).toBeInstanceOf(DataDirBusyError);
    return error as DataDirBusyError;
  }
  throw new Error(`acquire('${role}') should have been refused`);
}

function readLock(): LockOwner {
  return JSON.parse(readFileSync(lockFile, 'utf8')) as LockOwner;
}

describe('acquireDataDirLock', () => {
  it('creates the data folder and a lock naming this process and its role', () => {
    acquire('index');
    const owner = readLock();
    expect(owner).toMatchObject({ pid: process.pid, role: 'index' });
    expect(Number.isNaN(Date.parse(owner.startedAt))).toBe(false);
  });

  it('refuses while another live process holds the folder, naming its role, pid and url', async () => {
    const pid = await liveProcess();
    const holder: LockOwner = {
      pid,
      role: 'serve',
      startedAt: '2024-05-01T10:00:00.000Z',
      url: 'http://127.0.0.1:4173',
    };
    writeLock(holder);

    const busy = refusal('index');
    expect(busy.name).toBe('DataDirBusyError');
    expect(busy.dataDir).toBe(dataDir);
    expect(busy.owner).toEqual(holder);
    expect(busy.message).toContain('`doppel serve`');
    expect(busy.message).toContain(`pid ${pid}`);
    expect(busy.message).toContain('use it at http://127.0.0.1:4173');
    expect(busy.message).toContain(dataDir);
    // A refused acquire must leave the holder's lock alone.
    expect(readLock()).toEqual(holder);
  });

  it('names the app, or the CLI command, and leaves out the url when the holder has none', async () => {
    const pid = await liveProcess();
    writeLock({ pid, role: 'app', startedAt: '2024-05-01T10:00:00.000Z' });
    const busy = refusal('index');
    expect(busy.message).toContain('in use by the Doppel app');
    expect(busy.message).toContain(`pid ${pid}`);
    expect(busy.message).not.toContain('use it at');

    writeFileSync(lockFile, JSON.stringify({ pid, role: 'index', startedAt: '2024-05-01T10:00:00.000Z' }));
    expect(() => acquire('serve')).toThrow(/in use by `doppel index` \(pid \d+/);
  });

  it('takes over a lock left by a process that is gone', async () => {
    const pid = await deadPid();
    writeLock({ pid, role: 'serve', startedAt: '2024-05-01T10:00:00.000Z', url: 'http://127.0.0.1:1' });

    acquire('index');
    expect(readLock()).toMatchObject({ pid: process.pid, role: 'index' });
    expect(readLock().url).toBeUndefined();
  });

  it('takes over an unreadable (half-written) lock file', () => {
    writeLock({ pid: 1, role: 'x', startedAt: '' });
    writeFileSync(lockFile, '{"pid": 12');
    acquire('app');
    expect(readLock()).toMatchObject({ pid: process.pid, role: 'app' });
  });

  it('records extra details such as the url with update', () => {
    const lock = acquire('serve');
    lock.update({ url: 'http://127.0.0.1:5555' });
    expect(readLock()).toMatchObject({ pid: process.pid, role: 'serve', url: 'http://127.0.0.1:5555' });
  });

  it('removes the lock on release, once, so the folder can be taken again', () => {
    const exitListeners = process.listenerCount('exit');
    const lock = acquire('index');
    expect(existsSync(lockFile)).toBe(true);
    lock.release();
    expect(existsSync(lockFile)).toBe(false);
    // Releasing twice is harmless, and the exit hook is gone (no listener leak per acquire).
    lock.release();
    expect(process.listenerCount('exit')).toBe(exitListeners);

    const again = acquire('serve');
    expect(readLock().role).toBe('serve');
    again.release();
    expect(existsSync(lockFile)).toBe(false);
  });
});
