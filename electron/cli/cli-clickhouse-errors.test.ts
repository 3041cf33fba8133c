import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../engine/testing/closed-port';
import { runDoppel, type CliRun } from './testing/run-doppel';

/** A stand-in for a ClickHouse server that refuses the password, answering as ClickHouse does. */
function refusingServer(status: number): Promise<Server> {
  const server = createServer((request, response) => {
    request.resume();
    response.writeHead(status, {
      'Content-Type': 'text/plain; charset=UTF-8',
      'X-ClickHouse-Exception-Code': '516',
      'X-ClickHouse-Server-Display-Name': 'stand-in',
    });
    response.end(
      'Code: 516. DB::Exception: default: Authentication failed: password is incorrect, or there is no user ' +
        'with such name. (AUTHENTICATION_FAILED) (version 24.8.4.13 (official build))\n',
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function expectOneLine(run: CliRun, pattern: RegExp): void {
  expect(run.code).toBe(1);
  const lines = run.stderr.split('\n').filter((line) => line.length > 0);
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(run.stderr).not.toMatch(/ERROR|WARN|request_timeout|\n\s+at /);
}

describe('doppel with a ClickHouse server that fails', () => {
  let work: string;
  const servers: Server[] = [];
  const dataDir = () => join(work, `data-${Math.random().toString(36).slice(2)}`);

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-clickhouse-errors-'));
  });
  afterAll(async () => {
    for (const server of servers) server.close();
    await rm(work, { recursive: true, force: true });
  });

  it('says in one line that the server is down, without the client’s stack trace', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const run = await runDoppel(['status', '--data-dir', dataDir(), '--clickhouse-url', url]);
    expectOneLine(
      run,
      /^doppel: Cannot reach the ClickHouse server at http:\/\/127\.0\.0\.1:\d+: is it running\?/,
    );
  });

  for (const status of [516, 401]) {
    it(`says in one line that the password was refused (HTTP ${status})`, async () => {
      const server = await refusingServer(status);
      servers.push(server);
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const run = await runDoppel([
        'status',
        '--data-dir',
        dataDir(),
        '--clickhouse-url',
        url,
        '--clickhouse-password',
        'wrong',
      ]);
      expectOneLine(run, /refused the user or password: check --clickhouse-user and --clickhouse-password$/);
    });
  }

  it('shows the client’s details with --verbose or DOPPEL_VERBOSE=1', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const flag = await runDoppel(['status', '--data-dir', dataDir(), '--clickhouse-url', url, '--verbose']);
    const env = await runDoppel(['status', '--data-dir', dataDir(), '--clickhouse-url', url], {
      DOPPEL_VERBOSE: '1',
    });
    for (const run of [flag, env]) {
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/doppel \[clickhouse\] error, Connection: .*\n/);
      expect(run.stderr).toContain('ECONNREFUSED');
      expect(run.stderr.trimEnd().split('\n').at(-1)).toMatch(/^doppel: Cannot reach the ClickHouse server/);
    }
  });
});
