import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ENTRY, type CliRun } from '../cli/testing/run-doppel';

/**
 * `doppel serve` as a user starts it, a real process. A server that starts anyway is stopped as soon as it
 * says it is running, so a regression fails the test instead of leaving a server behind.
 */
function runServe(dataDir: string, token: string): Promise<CliRun & { started: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CLI_ENTRY, 'serve', '--data-dir', dataDir, '--port', '0', '--model', 'none'],
      {
        env: { ...process.env, DOPPEL_SERVE_TOKEN: token, DOPPEL_WATCH: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    let started = false;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (!started && stdout.includes('Doppel is running')) {
        started = true;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr, started }));
  });
}

describe('doppel serve with DOPPEL_SERVE_TOKEN', () => {
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-serve-token-'));
  });

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it.each([
    ['an empty', '', /^doppel: DOPPEL_SERVE_TOKEN is empty: set it to at least 32 characters/],
    ['a short', 'secret', /^doppel: DOPPEL_SERVE_TOKEN is too short to be safe \(6 characters\)/],
  ])(
    'refuses %s token with one line and exit code 2',
    async (_kind, token, message) => {
      const dataDir = join(work, `data-${token.length}`);
      const run = await runServe(dataDir, token);
      expect(run.started).toBe(false);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(dataDir)).toBe(false); // refused before the engine (and its data folder) opened
    },
    60_000,
  );
});
