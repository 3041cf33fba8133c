import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DoppelEngine } from '../doppel-engine';
import { UPLOAD_MAX_AGE_MS, UploadStore } from './upload-store';

describe('UploadStore', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'doppel-uploads-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  const age = async (file: string, ms: number) => {
    const when = new Date(Date.now() - ms);
    await utimes(file, when, when);
  };

  it('keeps an upload a day, then deletes it; never touches other files', async () => {
    const store = new UploadStore(dataDir);
    const fresh = await store.save(Buffer.from('fresh'));
    const old = await store.save(Buffer.from('old'));
    expect(await readFile(store.pathOf(fresh), 'utf8')).toBe('fresh');
    await age(store.pathOf(old), UPLOAD_MAX_AGE_MS + 60_000);
    const notOurs = join(dataDir, 'uploads', 'README.txt');
    await writeFile(notOurs, 'x');
    await age(notOurs, UPLOAD_MAX_AGE_MS * 10);
    expect(await store.sweep()).toBe(1);
    expect(existsSync(store.pathOf(fresh))).toBe(true);
    expect(existsSync(store.pathOf(old))).toBe(false);
    expect(existsSync(notOurs)).toBe(true);
    expect(() => store.pathOf('../settings.json')).toThrow();
  });

  it('the engine deletes day-old uploads when it opens', async () => {
    const stale = join(dataDir, 'uploads', 'a'.repeat(32));
    await mkdir(join(dataDir, 'uploads'), { recursive: true });
    await writeFile(stale, 'query photo');
    await age(stale, UPLOAD_MAX_AGE_MS + 60_000);
    const engine = await DoppelEngine.open({ dataDir, role: 'test', model: 'none' });
    try {
      const id = await engine.saveUpload(Buffer.from('new query'));
      for (let i = 0; i < 50 && existsSync(stale); i++) await new Promise((r) => setTimeout(r, 20));
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(join(dataDir, 'uploads', id))).toBe(true);
    } finally {
      await engine.close();
    }
  });
});
