import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OWNER_FILE } from '../engine/platform/data-dir-lock';
import { runCli } from './run-cli';

const HOLDER = join(__dirname, '..', 'engine', 'testing', 'lock-holder.ts');
const TOKEN = 'handoff-token-0123456789abcdef0123';

/** Another process holding the data folder's kernel lock, as a running serve does; resolves to its pid. */
function holdLock(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, '--hold', dataDir, 'serve'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) =>
      (JSON.parse(line) as { answer: string }).answer === 'won' ? resolve(child) : reject(new Error(line)),
    );
  });
}

/** A listener that records who knocks and answers as a Doppel would to a wrong token. */
interface Knocks {
  server: Server;
  port: number;
  requests: { url: string; authorization: string | undefined }[];
}

async function listenForKnocks(host: string): Promise<Knocks> {
  const requests: Knocks['requests'] = [];
  const server = createServer((request, response) => {
    requests.push({ url: request.url ?? '', authorization: request.headers.authorization });
    response.writeHead(401, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ code: 'unauthorized', message: 'wrong token' }));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, port: (server.address() as AddressInfo).port, requests };
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    interactive: false,
  });
  return { code, stdout, stderr };
}

let work: string;
let dataDir: string;
let ownerFile: string;
let holder: ChildProcess;

beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), 'doppel-handoff-refusal-'));
  dataDir = join(work, 'data');
  ownerFile = join(dataDir, OWNER_FILE);
  holder = await holdLock(dataDir);
});
afterEach(() => {
  holder.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

function description(url: string, token = TOKEN): string {
  return JSON.stringify({
    pid: holder.pid,
    role: 'serve',
    startedAt: '2026-01-01T10:00:00.000Z',
    url,
    handoff: { url, token },
  });
}

describe('the CLI beside a holder that does not answer as Doppel', () => {
  it('falls back to the refusal for a wrong token and for a holder that is gone', async () => {
    const knocks = await listenForKnocks('127.0.0.1');
    const url = `http://127.0.0.1:${knocks.port}`;
    writeFileSync(ownerFile, description(url));
    const wrongToken = await cli(['status', '--data-dir', dataDir]);
    // It asked (with the token, on loopback), was refused, and said what a refused command says.
    expect(knocks.requests).toEqual([{ url: '/api/status', authorization: `Bearer ${TOKEN}` }]);
    expect(wrongToken.code).toBe(1);
    expect(wrongToken.stdout).toBe('');
    expect(wrongToken.stderr).toBe(
      `doppel: Doppel's data folder ${dataDir} is in use by \`doppel serve\` (pid ${holder.pid}, since 2026-01-01T10:00:00.000Z). ` +
        `A data folder serves one Doppel process at a time: use it at ${url}, or stop it, or pass --data-dir for another library.\n`,
    );
    // A stale URL: nothing listens there any more.
    await new Promise((resolve) => knocks.server.close(resolve));
    const gone = await cli(['status', '--data-dir', dataDir]);
    expect(gone).toEqual(wrongToken);
  });
});

describe('a hostile owner file', () => {
  let knocks: Knocks;
  let loopback: string;
  beforeAll(async () => {
    // On every address, so that a name or wildcard that reaches this machine would be seen knocking.
    knocks = await listenForKnocks('::');
    loopback = `http://127.0.0.1:${knocks.port}`;
  });
  afterAll(() => new Promise((resolve) => knocks.server.close(resolve)));

  /** Runs `status` with the owner file as `plant` leaves it; the number of requests the listener saw. */
  async function knocksAfter(plant: () => void): Promise<number> {
    plant();
    const before = knocks.requests.length;
    const run = await cli(['status', '--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^doppel: Doppel's data folder .* is in use by /);
    expect(run.stderr).not.toContain('Handed to');
    return knocks.requests.length - before;
  }

  it('sends the token to a loopback IP literal only: never to a name, the wildcard or a URL with more in it', async () => {
    // Control: a loopback description does reach the listener (which refuses the token).
    expect(await knocksAfter(() => writeFileSync(ownerFile, description(loopback)))).toBe(1);
    const port = knocks.port;
    const urls = [
      `http://0.0.0.0:${port}`,
      `http://localhost:${port}`,
      `http://${hostname()}:${port}`,
      `http://user:secret@127.0.0.1:${port}`,
      `http://127.0.0.1:${port}/elsewhere`,
      `https://127.0.0.1:${port}`,
    ];
    const knocked: Record<string, number> = {};
    for (const url of urls)
      knocked[url] = await knocksAfter(() => writeFileSync(ownerFile, description(url)));
    expect(knocked).toEqual(Object.fromEntries(urls.map((url) => [url, 0])));
  });

  it('reads no owner file that is a link, huge or garbage', async () => {
    expect(await knocksAfter(() => writeFileSync(ownerFile, description(loopback)))).toBe(1);
    const elsewhere = join(work, 'planted.json');
    writeFileSync(elsewhere, description(loopback));
    const cases: Record<string, () => void> = {
      link: () => {
        rmSync(ownerFile);
        symlinkSync(elsewhere, ownerFile);
      },
      huge: () => {
        rmSync(ownerFile);
        writeFileSync(ownerFile, description(loopback) + ' '.repeat(1024 * 1024));
      },
      garbage: () => writeFileSync(ownerFile, `${description(loopback)}}{`),
    };
    const knocked: Record<string, number> = {};
    for (const [name, plant] of Object.entries(cases)) knocked[name] = await knocksAfter(plant);
    expect(knocked).toEqual({ link: 0, huge: 0, garbage: 0 });
  });

  // Giving a file to another user takes root; as anyone else the uid check is untestable here.
  it.skipIf(process.getuid?.() !== 0)('reads no owner file of another user', async () => {
    expect(await knocksAfter(() => writeFileSync(ownerFile, description(loopback)))).toBe(1);
    expect(await knocksAfter(() => chownSync(ownerFile, 65534, 65534))).toBe(0);
  });
});
