import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  acquireDataDirLock,
  DataDirBusyError,
  LOCK_FILE,
  loadKernelLock,
  OWNER_FILE,
  type LockOwner,
} from './data-dir-lock';

const HOLDER = join(__dirname, '..', 'testing', 'lock-holder.ts');
const posixOnly = process.platform === 'win32' ? it.skip : it; // file modes, zombies, sh: not on Windows

let work: string;
let dataDir: string;
let ownerFile: string;
const children: ChildProcess[] = [];
const strayPids: number[] = [];
const releases: (() => void)[] = [];

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'doppel-lock-'));
  dataDir = join(work, 'data');
  ownerFile = join(dataDir, OWNER_FILE);
});

afterEach(() => {
  for (const release of releases.splice(0)) release();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const pid of strayPids.splice(0)) killQuietly(pid);
  rmSync(work, { recursive: true, force: true });
});

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function acquire(role: string, folder = dataDir) {
  const lock = acquireDataDirLock(folder, role);
  releases.push(() => lock.release());
  return lock;
}

/** A process that is alive for the whole test and has nothing to do with Doppel. */
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

/** A description left in the folder with no process holding the kernel lock. */
function leaveDescription(owner: LockOwner): void {
  acquire('setup').release(); // the folder exists once any Doppel has used it
  writeFileSync(ownerFile, JSON.stringify(owner));
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

function readOwner(): LockOwner {
  return JSON.parse(readFileSync(ownerFile, 'utf8')) as LockOwner;
}

interface Answer {
  pid: number;
  answer: 'won' | 'busy' | 'error' | 'updated' | 'released';
  message?: string;
}

/** A lock-holder process (see testing/lock-holder.ts) and its answers, one at a time. */
function answersOf(child: ChildProcess): () => Promise<Answer> {
  const queue: Answer[] = [];
  const waiting: ((answer: Answer) => void)[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const answer = JSON.parse(line) as Answer;
    const next = waiting.shift();
    if (next) next(answer);
    else queue.push(answer);
  });
  child.on('exit', (code) => {
    if (waiting.length) throw new Error(`lock holder exited ${code}: ${stderr}`);
  });
  return () => {
    const ready = queue.shift();
    return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
  };
}

function commandedHolder() {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  const next = answersOf(child);
  const send = (command: Record<string, unknown>) => child.stdin!.write(`${JSON.stringify(command)}\n`);
  return { child, next, send };
}

describe('acquireDataDirLock', () => {
  it('creates the data folder, a kernel-locked file and a description naming this process and its role', () => {
    acquire('index');
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(true);
    const owner = readOwner();
    expect(owner).toMatchObject({ pid: process.pid, role: 'index' });
    expect(Number.isNaN(Date.parse(owner.startedAt))).toBe(false);
  });

  it('refuses while the folder is locked, naming the holder’s role, pid and url', () => {
    acquire('serve').update({ url: 'http://127.0.0.1:4173' });
    const described = readOwner();

    const busy = refusal('index');
    expect(busy.name).toBe('DataDirBusyError');
    expect(busy.dataDir).toBe(dataDir);
    expect(busy.owner).toEqual(described);
    expect(busy.message).toContain('in use by `doppel serve`');
    expect(busy.message).toContain(`pid ${process.pid}`);
    expect(busy.message).toContain('use it at http://127.0.0.1:4173');
    expect(busy.message).toContain(dataDir);
    // A refused acquire leaves the holder's description alone.
    expect(readOwner()).toEqual(described);
  });

  it('names the app, or the CLI command, and leaves out the url when the holder has none', () => {
    const app = acquire('app');
    const busy = refusal('index');
    expect(busy.message).toContain('in use by the Doppel app');
    expect(busy.message).not.toContain('use it at');
    app.release();

    acquire('index');
    expect(() => acquire('serve')).toThrow(/in use by `doppel index` \(pid \d+/);
  });

  it('still refuses when the holder’s description is missing, unreadable or hostile, naming no one', async () => {
    acquire('serve');
    const cases = [
      () => rmSync(ownerFile),
      () => writeFileSync(ownerFile, '{"pid": 12'),
      () => writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, role: 'x\u001b[2J', startedAt: '' })),
      // A hand-off endpoint that is not Doppel's: a short token, one with characters Doppel never makes.
      ...[
        { url: 'http://127.0.0.1:1', token: 'short' },
        { url: 'http://127.0.0.1:1', token: `${'a'.repeat(32)}\n` },
      ].map(
        (handoff) => () =>
          writeFileSync(
            ownerFile,
            JSON.stringify({ pid: process.pid, role: 'serve', startedAt: '2024', handoff }),
          ),
      ),
    ];
    for (const damage of cases) {
      damage();
      const busy = refusal('index');
      expect(busy.owner).toBeNull();
      expect(busy.message).toContain('is in use by another Doppel process.');
      expect(busy.message).not.toContain('\u001b');
    }
    // A description left by a process that is gone does not name the holder either.
    writeFileSync(ownerFile, JSON.stringify({ pid: await deadPid(), role: 'app', startedAt: '2024-05-01' }));
    expect(refusal('index').message).toContain('in use by another Doppel process');
  });

  it('takes the folder when the description names a process that is gone', async () => {
    leaveDescription({
      pid: await deadPid(),
      role: 'serve',
      startedAt: '2024-05-01T10:00:00.000Z',
      url: 'http://127.0.0.1:1',
    });
    acquire('index');
    expect(readOwner()).toMatchObject({ pid: process.pid, role: 'index' });
    expect(readOwner().url).toBeUndefined();
  });

  it('takes the folder when the description names a live process that holds no lock (a reused PID)', async () => {
    for (const pid of [await liveProcess(), process.ppid]) {
      leaveDescription({ pid, role: 'serve', startedAt: '2024-05-01T10:00:00.000Z' });
      const lock = acquire('index');
      expect(readOwner()).toMatchObject({ pid: process.pid, role: 'index' });
      lock.release();
    }
  });

  it('records extra details such as the url with update', () => {
    const lock = acquire('serve');
    lock.update({ url: 'http://127.0.0.1:5555' });
    expect(readOwner()).toMatchObject({ pid: process.pid, role: 'serve', url: 'http://127.0.0.1:5555' });
  });

  it('removes its description on release, once, so the folder can be taken again', () => {
    const exitListeners = process.listenerCount('exit');
    const lock = acquire('index');
    lock.release();
    expect(existsSync(ownerFile)).toBe(false);
    // Releasing twice is harmless, and the exit hook is gone (no listener leak per acquire).
    lock.release();
    expect(process.listenerCount('exit')).toBe(exitListeners);

    const again = acquire('serve');
    expect(readOwner().role).toBe('serve');
    again.release();
    expect(existsSync(ownerFile)).toBe(false);
  });

  it('leaves a description that is not its own on release', () => {
    const lock = acquire('index');
    const other = JSON.stringify({ pid: 4242, role: 'serve', startedAt: '2024-05-01T10:00:00.000Z' });
    writeFileSync(ownerFile, other);
    lock.release();
    expect(readFileSync(ownerFile, 'utf8')).toBe(other);
    // The kernel lock itself was let go.
    acquire('app');
  });

  it('says so in one sentence when the lock module cannot load or the file system refuses locks', () => {
    expect(() =>
      loadKernelLock(() => {
        throw new Error("Cannot find addon '.' imported from 'file:///x'\nCandidates: …");
      }),
    ).toThrow(
      /^Doppel cannot lock its data folder on this system \(.+\): its file-lock module did not load \(Cannot find addon '\.' imported from 'file:\/\/\/x'\)\. .*does not start\.$/,
    );

    const noLocks = {
      tryLock: () => {
        throw Object.assign(new Error('ENOLCK: no locks available'), { code: 'ENOLCK' });
      },
      unlock: vi.fn(),
    };
    expect(() => acquireDataDirLock(dataDir, 'index', noLocks)).toThrow(
      `Doppel cannot lock its data folder ${dataDir}: the file system refuses file locks (ENOLCK).`,
    );
  });

  posixOnly(
    'keeps the data folder to this user (0700), tightening one that was open, and its files 0600',
    () => {
      mkdirSync(dataDir, { mode: 0o755 });
      chmodSync(dataDir, 0o755); // whatever the umask
      acquire('index').update({ url: 'http://127.0.0.1:1' });
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(ownerFile).mode & 0o777).toBe(0o600);
      expect(statSync(join(dataDir, LOCK_FILE)).mode & 0o777).toBe(0o600);

      const fresh = join(work, 'new', 'nested');
      acquire('index', fresh);
      expect(statSync(fresh).mode & 0o777).toBe(0o700);
      expect(statSync(join(work, 'new')).mode & 0o777).toBe(0o700);
    },
  );
});

describe('acquireDataDirLock across processes', () => {
  posixOnly(
    'lets an immediate restart in after the holder is killed with SIGKILL, while it is still a zombie',
    async () => {
      // The holder is a child of `sleep`, which never reaps it: once killed it stays a zombie whose pid
      // still answers kill(pid, 0), as a killed Doppel does for a moment before its parent reaps it.
      const parent = spawn(
        'sh',
        [
          '-c',
          '"$1" --import tsx "$2" --hold "$3" index & exec sleep 120',
          'sh',
          process.execPath,
          HOLDER,
          dataDir,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      children.push(parent);
      const won = await answersOf(parent)();
      expect(won.answer).toBe('won');
      strayPids.push(won.pid);

      const busy = refusal('index');
      expect(busy.message).toContain(`in use by \`doppel index\` (pid ${won.pid},`);

      process.kill(won.pid, 'SIGKILL');
      // Retry only until the kernel has let the lock go, which it does as the process dies (its threads
      // end a moment after the signal); the pid itself lives on as an unreaped zombie.
      const killedAt = Date.now();
      await vi.waitFor(() => expect(() => acquire('index')).not.toThrow(), { timeout: 30_000, interval: 10 });
      expect(Date.now() - killedAt).toBeLessThan(10_000);
      expect(processState(won.pid)).toBe('Z');
      expect(() => process.kill(won.pid, 0)).not.toThrow(); // the zombie's pid still answers as alive
      expect(readOwner()).toMatchObject({ pid: process.pid, role: 'index' });
    },
  );

  it('lets exactly one of four processes racing for a fresh folder win, in each of 50 rounds', async () => {
    const racers = Array.from({ length: 4 }, commandedHolder);
    for (let round = 0; round < 50; round++) {
      const folder = join(work, `round-${round}`);
      const at = Date.now() + 60; // all four try at the same moment
      for (const racer of racers) racer.send({ cmd: 'acquire', dataDir: folder, role: 'index', at });
      const answers = await Promise.all(racers.map((racer) => racer.next()));
      const winners = answers.filter((a) => a.answer === 'won');
      expect(answers.map((a) => a.answer).sort(), `round ${round}`).toEqual(['busy', 'busy', 'busy', 'won']);
      expect(JSON.parse(readFileSync(join(folder, OWNER_FILE), 'utf8'))).toMatchObject({
        pid: winners[0]!.pid,
      });
      const winner = racers.find((racer) => racer.child.pid === winners[0]!.pid)!;
      winner.send({ cmd: 'release' });
      expect((await winner.next()).answer).toBe('released');
    }
  });

  it('never shows a reader a missing or half-written description while update runs', async () => {
    const holder = commandedHolder();
    holder.send({ cmd: 'acquire', dataDir, role: 'serve', at: 0 });
    expect((await holder.next()).answer).toBe('won');
    holder.send({ cmd: 'update', count: 300 });

    const seen = new Set<string>();
    const deadline = Date.now() + 60_000;
    let last: LockOwner;
    do {
      const text = readFileSync(ownerFile, 'utf8'); // throws ENOENT if the file is ever missing
      last = JSON.parse(text) as LockOwner; // throws on half a file
      expect(last).toMatchObject({ pid: holder.child.pid, role: 'serve' });
      seen.add(last.url ?? '');
    } while (last.url !== 'http://127.0.0.1:1/done' && Date.now() < deadline);
    expect(last.url).toBe('http://127.0.0.1:1/done');
    // The reader really ran alongside the updates, not only before or after them.
    expect(seen.size).toBeGreaterThan(10);
    expect((await holder.next()).answer).toBe('updated');
  });
});

/** The one-letter state ps reports (Z for a zombie), or '' once the process is gone altogether. */
function processState(pid: number): string {
  if (process.platform === 'linux') {
    try {
      // /proc/<pid>/stat: "pid (comm) S ..."; comm may hold spaces and parentheses, so read after the last ')'.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    } catch {
      return '';
    }
  }
  return spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' })
    .stdout.trim()
    .charAt(0);
}
