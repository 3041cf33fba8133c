import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../engine/platform/settings-file';
import { decideEngineStart } from './engine-start-decision';
import { SettingsWithoutEngine } from './settings-without-engine';

describe('Settings while no engine can run (Windows, embedded database)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'doppel-no-engine-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('loads the settings, saves a server, and then the engine may start', async () => {
    const settings = new SettingsWithoutEngine(dataDir);
    expect(settings.answers('getSettings')).toBe(true);
    expect(settings.answers('indexFolders')).toBe(false);
    const loaded = (await settings.call('getSettings', {})) as ReturnType<typeof defaultSettings>;
    expect(loaded).toEqual(defaultSettings(dataDir));
    expect(decideEngineStart('win32', loaded.storage.kind).kind).toBe('needs-server');

    const server = { url: 'http://localhost:8123', user: 'default', password: 'doppel', database: 'doppel' };
    await settings.call('updateSettings', { ...loaded, storage: { kind: 'server', server } });
    const saved = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'));
    expect(saved.storage).toEqual({ kind: 'server', server });
    expect(decideEngineStart('win32', saved.storage.kind)).toEqual({ kind: 'start' });
  });

  it('leaves the thumbnail folder to the engine, which checks it', async () => {
    const settings = new SettingsWithoutEngine(dataDir);
    await expect(settings.call('updateSettings', { thumbnailCacheDir: 'C:\\Windows' })).rejects.toMatchObject(
      {
        code: 'needs-server',
      },
    );
  });

  it('tests a server connection and says in words when it is not there', async () => {
    const answer = (await new SettingsWithoutEngine(dataDir).call('testConnection', {
      server: { url: 'http://127.0.0.1:9', user: 'default', password: '', database: 'doppel' },
    })) as { ok: boolean; error: string };
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatch(/^Cannot reach the ClickHouse server at http:\/\/127\.0\.0\.1:9/);
  });
});
