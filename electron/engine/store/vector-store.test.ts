import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageTargets } from '../testing/storage-targets';
import { openDatabase, type Database } from './database';
import { migrate } from './schema';
import { readModelVectors, ROWS_PER_STATEMENT } from './vector-store';

/** Reading a model's vectors for pairing, at a size one statement must not hand back whole. */
describe.each(storageTargets())('vector reads ($name)', (storage) => {
  let dir: string;
  let db: Database;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'doppel-vector-store-'));
    db = await openDatabase(await storage.database(dir));
    await migrate(db);
  });

  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads more rows than one statement takes in parts, every content once with its own vector', async () => {
    // Two photos of each content (a copied file): more rows than one statement's share, half as many hashes.
    const rows = ROWS_PER_STATEMENT + 2_000;
    await db.client.command({
      query: `INSERT INTO ${db.name}.photos (path, folder, hash, model, vector, version)
              SELECT concat('/lib/p/', toString(number), '.jpg'), '/lib/p', concat('h', toString(intDiv(number, 2))),
                     'clip-big', [toFloat32(intDiv(number, 2)), toFloat32(1)], 1
              FROM numbers({rows:UInt64})`,
      query_params: { rows },
    });
    const statements: string[] = [];
    const exec = db.client.exec.bind(db.client);
    db.client.exec = ((params: Parameters<typeof exec>[0]) => {
      statements.push(params.query);
      return exec(params);
    }) as typeof exec;
    try {
      const table = await readModelVectors(db, 'clip-big');
      expect(statements).toHaveLength(Math.ceil(rows / ROWS_PER_STATEMENT));
      expect(table.dims).toBe(2);
      expect(table.hashes).toHaveLength(rows / 2);
      expect(new Set(table.hashes).size).toBe(rows / 2);
      const wrong = table.hashes.filter(
        (hash, row) => table.vectors[row * 2] !== Number(hash.slice(1)) || table.vectors[row * 2 + 1] !== 1,
      );
      expect(wrong).toEqual([]);
    } finally {
      db.client.exec = exec;
    }
  });
});
