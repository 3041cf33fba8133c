import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const ENTRY = join(__dirname, '..', '..', 'cli', 'cli-entry.ts');

let server: ChildProcess | undefined;
let work: string | undefined;
afterAll(async () => {
  server?.kill('SIGKILL');
  if (work) await rm(work, { recursive: true, force: true });
});

// A CLI command is handed to the holder instead (cli/handoff.test.ts); a second serve cannot be.
it('a second serve on the same data folder is told which process holds it and where', async () => {
  work = await mkdtemp(join(tmpdir(), 'doppel-busy-'));
  const dataDir = join(work, 'data');
  server = spawn(
    process.execPath,
    ['--import', 'tsx', ENTRY, 'serve', '--data-dir', dataDir, '--port', '0', '--model', 'none'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    server!.stdout!.on('data', (chunk: Buffer) => {
      const match = /running at (http:\/\/\S+?)\/\?token/.exec(chunk.toString());
      if (match) resolve(match[1]!);
    });
    server!.on('close', (code) => reject(new Error(`serve exited ${code}`)));
  });
  const second = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', ENTRY, 'serve', '--data-dir', dataDir, '--port', '0', '--model', 'none'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stderr }));
  });
  expect(second.code).toBe(1);
  expect(second.stderr).toContain('in use by `doppel serve`');
  expect(second.stderr).toContain(`pid ${server.pid}`);
  expect(second.stderr).toContain(url);
});
