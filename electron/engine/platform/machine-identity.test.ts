import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MACHINE_FILE, machineIdentity } from './machine-identity';

describe('machineIdentity', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'doppel-machine-id-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('makes a random id once, named by the host, private to this user, and keeps it', async () => {
    const first = machineIdentity(dir);
    expect(first.id).toMatch(/^[0-9a-f]{32}$/);
    expect(first.name).toBe(hostname().trim() || 'a computer without a name');
    expect(machineIdentity(dir)).toEqual(first);
    if (process.platform !== 'win32') expect((await stat(join(dir, MACHINE_FILE))).mode & 0o077).toBe(0);
    const other = await mkdtemp(join(tmpdir(), 'doppel-machine-id-'));
    try {
      expect(machineIdentity(other).id).not.toBe(first.id);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('takes the name the user gave in the file', async () => {
    const { id } = machineIdentity(dir);
    await writeFile(join(dir, MACHINE_FILE), JSON.stringify({ id, name: '  Anna’s MacBook ' }));
    expect(machineIdentity(dir)).toEqual({ id, name: 'Anna’s MacBook' });
  });

  it('refuses a damaged file instead of becoming another computer', async () => {
    await writeFile(join(dir, MACHINE_FILE), '{"id": "../../etc"}');
    expect(() => machineIdentity(dir)).toThrow(/is damaged/);
    expect(await readFile(join(dir, MACHINE_FILE), 'utf8')).toBe('{"id": "../../etc"}');
  });
});
