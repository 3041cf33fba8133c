import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The CLI's entry as source, run through tsx: tests exercise the real process without a build. */
export const CLI_ENTRY = join(__dirname, '..', 'cli-entry.ts');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A real `doppel` process, as a user or a script would run it. */
export function runDoppel(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI_ENTRY, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
