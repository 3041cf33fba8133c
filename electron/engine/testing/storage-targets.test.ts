import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../store/database';
import { storageTargets } from './storage-targets';

const ENGINE = join(__dirname, '..');

describe('storage targets', () => {
  const [embedded, overHttp] = storageTargets();
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-storage-targets-'));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('leaves an embedded engine on its data folder, and gives a server engine one database per folder', async () => {
    expect(embedded!.kind).toBe('embedded');
    expect(await embedded!.engineStorage(join(work, 'a'))).toBeUndefined();
    const first = await overHttp!.engineStorage(join(work, 'a'));
    expect(first).toMatchObject({ kind: 'server', server: { url: expect.stringMatching(/^http:/) } });
    expect(await overHttp!.engineStorage(join(work, 'a', '.'))).toEqual(first);
    expect(await overHttp!.engineStorage(join(work, 'b'))).not.toEqual(first);
  });

  it('opens a server database over HTTP, a fresh one each time', async () => {
    const one = await openDatabase(await overHttp!.database(work));
    const two = await openDatabase(await overHttp!.database(work));
    try {
      expect([one.kind, two.kind]).toEqual(['server', 'server']);
      expect(one.name).not.toBe(two.name);
      await one.client.command({ query: `CREATE TABLE ${one.name}.mark (n UInt8) ENGINE = Memory` });
      const tables = await two.client.query({ query: `SHOW TABLES FROM ${two.name}`, format: 'JSONEachRow' });
      expect(await tables.json()).toEqual([]);
    } finally {
      await one.close();
      await two.close();
    }
  });
});

/**
 * The store's tests and the engine's own tests open their database through storageTargets(), so each runs
 * embedded and over HTTP. A file that opens one directly is for one storage only and names it here.
 */
const ONE_STORAGE_ONLY: Record<string, string> = {
  'store/embedded-availability.test.ts': 'the embedded database on Windows, before chdb is touched',
};

describe('the storage matrix', () => {
  it('runs every store test and engine test that opens a database on both storages', () => {
    const files = [
      ...readdirSync(join(ENGINE, 'store')).map((name) => join(ENGINE, 'store', name)),
      ...readdirSync(ENGINE).map((name) => join(ENGINE, name)),
    ].filter((path) => path.endsWith('.test.ts'));
    const opening = files.filter((path) =>
      /openDatabase\(|DoppelEngine\.open\(/.test(readFileSync(path, 'utf8')),
    );
    expect(opening.length).toBeGreaterThan(8);
    const singleStorage = opening
      .filter((path) => !readFileSync(path, 'utf8').includes('storageTargets()'))
      .map((path) => relative(ENGINE, path).split('\\').join('/'));
    expect(singleStorage).toEqual(Object.keys(ONE_STORAGE_ONLY));
  });
});
