import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../store/database';
import { PhotoStore } from '../store/photo-store';
import { migrate } from '../store/schema';
import { StageStore } from '../store/stage-store';
import { storageTargets } from '../testing/storage-targets';
import { catalogueFiles } from './catalogue-stage';
import { isUnhashed } from './unhashed';

/** Bytes of one "photo": larger than the start the catalogue compares, so a late difference is past it. */
const SIZE = 200 * 1024;

function bytes(fill: number, lateByte?: number): Buffer {
  const buffer = Buffer.alloc(SIZE, fill);
  if (lateByte !== undefined) buffer[SIZE - 1] = lateByte;
  return buffer;
}

describe.each(storageTargets())('the catalogue stage ($name)', (storage) => {
  let work: string;
  let db: Database;

  beforeAll(async () => {
    work = await realpath(await mkdtemp(join(tmpdir(), 'doppel-catalogue-')));
    db = await openDatabase(await storage.database(join(work, 'data')));
    await migrate(db);
  });
  afterAll(async () => {
    await db?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('hashes in full only same-size files whose starts match, and still finds every identical copy', async () => {
    const folder = join(work, 'card');
    await mkdir(folder, { recursive: true });
    const files = {
      original: join(folder, 'DSC_0001.jpg'),
      copy: join(folder, 'DSC_0001 copy.jpg'),
      other: join(folder, 'DSC_0002.jpg'), // same size, another start: a different shot
      lateA: join(folder, 'DSC_0003.jpg'), // same size and start, different past it
      lateB: join(folder, 'DSC_0004.jpg'),
    };
    await writeFile(files.original, bytes(1));
    await writeFile(files.copy, bytes(1));
    await writeFile(files.other, bytes(2));
    await writeFile(files.lateA, bytes(3, 7));
    await writeFile(files.lateB, bytes(3, 8));
    const photos = new PhotoStore(db);
    const catalogue = await catalogueFiles([{ dir: folder, folder }], {
      photos,
      stages: new StageStore(db),
      exclude: [],
      batchSize: 64,
    });
    const hashOf = new Map(catalogue.toLook.map((item) => [item.file.path, item.hash]));
    expect(hashOf.size).toBe(5);
    expect(hashOf.get(files.other)).toBeNull();
    expect(hashOf.get(files.original)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOf.get(files.copy)).toBe(hashOf.get(files.original));
    expect(hashOf.get(files.lateA)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOf.get(files.lateB)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOf.get(files.lateA)).not.toBe(hashOf.get(files.lateB));
    const stored = new Map(
      (await photos.storedFiles(Object.values(files))).map((row) => [row.path, row.hash]),
    );
    expect(isUnhashed(stored.get(files.other)!, files.other)).toBe(true);
    expect(stored.get(files.copy)).toBe(hashOf.get(files.original));
  });
});
