import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closedPort } from '../engine/testing/closed-port';
import { FakeParentPort } from './testing/fake-parent-port';

/**
 * The engine's process on Windows (the platform is stubbed: this file runs in its own worker) with the
 * default settings, which name the embedded database that Windows does not have.
 */
describe('engine host on Windows with the embedded database', () => {
  const port = new FakeParentPort();
  let work: string;
  const exits: unknown[] = [];

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
    const settings = await port.call('getSettings', {});
    expect(settings.result).toMatchObject({ storage: { kind: 'embedded' } });
    const status = await port.call('status', {});
    expect(status.error).toMatchObject({ code: 'needs-server' });
    expect(exits).toEqual([]);
  });

  it('opens the engine on the server once one is saved', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const server = { url, user: 'default', password: '', database: 'doppel' };
    const saved = await port.call('updateSettings', { storage: { kind: 'server', server } });
    expect(saved.result).toMatchObject({ storage: { kind: 'server', server } });
    // While the engine opens, calls are told to wait, not lost.
    expect((await port.call('status', {})).error).toMatchObject({ code: 'starting' });
    // The engine now tries that server (nothing listens there, so it says so in words).
    const fatal = await port.next((m) => m.type === 'fatal');
    expect(fatal).toMatchObject({ message: expect.stringMatching(/^Cannot reach the ClickHouse server at/) });
  });
});
