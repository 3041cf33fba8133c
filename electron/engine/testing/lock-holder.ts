import { createInterface } from 'node:readline';
import { acquireDataDirLock, type DataDirLock } from '../platform/data-dir-lock';

/**
 * Another Doppel process, for the data-folder lock tests: it takes the lock with the real code and reports
 * on stdout, one JSON line per answer. Run with `node --import tsx lock-holder.ts`, then either
 *   --hold <dataDir> <role>   take the lock and keep it until killed (stdin is ignored), or
 *   (no arguments)            obey JSON commands on stdin, one per line:
 *     {"cmd":"acquire","dataDir":…,"role":…,"at":<epoch ms>}  try at that moment (so racers start together)
 *     {"cmd":"update","count":n}                               update the description n times
 *     {"cmd":"release"}
 * and exit when stdin closes.
 */
let lock: DataDirLock | null = null;

function say(answer: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ pid: process.pid, ...answer })}\n`);
}

function acquire(dataDir: string, role: string): void {
  try {
    lock = acquireDataDirLock(dataDir, role);
    say({ answer: 'won' });
  } catch (error) {
    say({
      answer: (error as Error).name === 'DataDirBusyError' ? 'busy' : 'error',
      message: (error as Error).message,
    });
  }
}

const [mode, dataDir, role] = process.argv.slice(2);
if (mode === '--hold') {
  acquire(dataDir!, role!);
  setInterval(() => undefined, 60_000);
} else {
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const command = JSON.parse(line) as {
      cmd: string;
      dataDir?: string;
      role?: string;
      at?: number;
      count?: number;
    };
    if (command.cmd === 'acquire') {
      // Spin rather than sleep: a timer would let the racers drift apart by a scheduler tick.
      while (Date.now() < (command.at ?? 0));
      acquire(command.dataDir!, command.role!);
    } else if (command.cmd === 'update') {
      // URLs of changing length, so a torn write would show as broken JSON or a wrong length.
      for (let i = 1; i <= command.count!; i++)
        lock!.update({ url: `http://127.0.0.1:${i}/${'x'.repeat(i % 500)}` });
      lock!.update({ url: 'http://127.0.0.1:1/done' });
      say({ answer: 'updated' });
    } else if (command.cmd === 'release') {
      lock?.release();
      lock = null;
      say({ answer: 'released' });
    }
  });
  lines.on('close', () => lock?.release());
}
