import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The CLI's entry as source, run through tsx: tests exercise the real process without a build. */
export const CLI_ENTRY = join(__dirname, '..', 'cli-entry.ts');

/** tsx by file URL: a bare `--import tsx` is looked up from the working folder, which a test may change. */
const TSX = pathToFileURL(createRequire(CLI_ENTRY).resolve('tsx')).href;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A real `doppel` process, as a user or a script would run it. */
export function runDoppel(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  options: { cwd?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', TSX, CLI_ENTRY, ...args], {
      env: { ...process.env, ...env },
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
