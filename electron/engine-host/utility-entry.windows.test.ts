import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EngineToMain, MainToEngine } from './host-messages';

type Listener = (event: { data: MainToEngine }) => void;

/** Electron's `process.parentPort`, as far as the entry uses it. */
class FakeParentPort {
  readonly received: EngineToMain[] = [];
  private listeners = new Set<Listener>();
  private waiters: { match: (message: EngineToMain) => boolean; resolve: (message: EngineToMain) => void }[] =
    [];

  postMessage(message: EngineToMain): void {
    this.received.push(message);
    const waiter = this.waiters.find((candidate) => candidate.match(message));
    if (waiter) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(message);
    }
  }
  on(_event: 'message', listener: Listener): void {
    this.listeners.add(listener);
  }
  off(_event: 'message', listener: Listener): void {
    this.listeners.delete(listener);
  }
  send(data: MainToEngine): void {
    for (const listener of [...this.listeners]) listener({ data });
  }
  next(match: (message: EngineToMain) => boolean): Promise<EngineToMain> {
    const already = this.received.find(match);
    if (already) return Promise.resolve(already);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The engine's process on Windows (the platform is stubbed: this file runs in its own worker) with the
 * default settings, which name the embedded database that Windows does not have.
 */
describe('engine host on Windows with the embedded database', () => {
  const port = new FakeParentPort();
  let work: string;
  let nextId = 1;
  const exits: unknown[] = [];

  async function call(method: string, request: unknown): Promise<Extract<EngineToMain, { type: 'result' }>> {
    const id = nextId++;
    port.send({ type: 'call', id, method, request } as MainToEngine);
    return (await port.next((m) => m.type === 'result' && m.id === id)) as Extract<
      EngineToMain,
      { type: 'result' }
    >;
  }

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-host-win32-'));
    vi.stubEnv('DOPPEL_DATA_DIR', join(work, 'data'));
    vi.stubEnv('DOPPEL_MEDIA_TOKEN', 'f'.repeat(32));
    vi.stubEnv('DOPPEL_WATCH', '0');
    // Native modules pick their build by platform when loaded: load them (through the engine and the host)
    // as this machine's first, then make the entry see Windows.
    await import('../engine/doppel-engine.js');
    await import('../serve/http-host.js');
    // The data-folder lock loads its kernel-lock module on first use: load it now, as this machine's.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('fs-native-extensions');
    const platform = process.platform;
    Object.defineProperty(process, 'platform', { value: 'win32', configurable: true });
    restorePlatform = () =>
      Object.defineProperty(process, 'platform', { value: platform, configurable: true });
    vi.spyOn(process, 'exit').mockImplementation(((code: number) => void exits.push(code)) as never);
    (process as unknown as { parentPort: FakeParentPort }).parentPort = port;
    await import('./utility-entry.js');
  });
  let restorePlatform = () => undefined as unknown;
  afterAll(async () => {
    restorePlatform();
    await rm(work, { recursive: true, force: true });
  });

  it('says a server is needed instead of failing (no restart loop), and answers Settings', async () => {
    const needs = await port.next((m) => m.type !== 'event');
    expect(needs).toMatchObject({
      type: 'needs-server',
      message: expect.stringMatching(/not available on Windows.*Settings/),
    });
    expect(port.received.some((m) => m.type === 'fatal' || m.type === 'ready')).toBe(false);
    const settings = await call('getSettings', {});
    expect(settings.result).toMatchObject({ storage: { kind: 'embedded' } });
    const status = await call('status', {});
    expect(status.error).toMatchObject({ code: 'needs-server' });
    expect(exits).toEqual([]);
  });

  it('opens the engine on the server once one is saved', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const server = { url, user: 'default', password: '', database: 'doppel' };
    const saved = await call('updateSettings', { storage: { kind: 'server', server } });
    expect(saved.result).toMatchObject({ storage: { kind: 'server', server } });
    // While the engine opens, calls are told to wait, not lost.
    expect((await call('status', {})).error).toMatchObject({ code: 'starting' });
    // The engine now tries that server (nothing listens there, so it says so in words).
    const fatal = await port.next((m) => m.type === 'fatal');
    expect(fatal).toMatchObject({ message: expect.stringMatching(/^Cannot reach the ClickHouse server at/) });
  });
});
