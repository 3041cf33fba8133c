import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageTargets } from '../testing/storage-targets';
import { openDatabase, type Database } from './database';
import { PhotoStore, type PhotoRecord } from './photo-store';
import { migrate } from './schema';

function record(path: string, hash: string, overrides: Partial<PhotoRecord> = {}): PhotoRecord {
  return {
    path,
    folder: '/lib',
    size: 5_000_000_123,
    mtimeMs: 1_700_000_000_123,
    hash,
    width: 6000,
    height: 4000,
    format: 'jpeg',
    takenAt: '2023-03-04T05:06:07.000',
    signature: Uint8Array.from([1, 2, 250]),
    pixelVector: Float32Array.from([0.5, -0.25]),
    model: 'clip-a',
    vector: Float32Array.from([0.75, -0.5]),
    ...overrides,
  };
}

describe.each(storageTargets())('PhotoStore records ($name)', (storage) => {
  let dir: string;
  let db: Database;
  let photos: PhotoStore;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'doppel-photo-store-'));
    db = await openDatabase(await storage.database(dir));
    await migrate(db);
    photos = new PhotoStore(db);
  });

  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('gives back what the indexer stored, in its own words, for a moved or copied file to reuse', async () => {
    await photos.insert([record('/lib/a.jpg', 'h-a')]);
    expect(await photos.findByHash('h-a')).toEqual({
      ...record('/lib/a.jpg', 'h-a'),
      signature: [1, 2, 250],
      pixelVector: [0.5, -0.25],
      vector: [0.75, -0.5],
    });
    expect(await photos.info('/lib/a.jpg')).toMatchObject({
      takenAt: '2023-03-04T05:06:07.000',
      size: 5_000_000_123,
    });
  });

  it('a reused record written at a new path keeps the content (a later insert wins)', async () => {
    await photos.insert([record('/lib/b.jpg', 'h-b', { model: '', vector: [], takenAt: null })]);
    const found = (await photos.findByHash('h-b'))!;
    await photos.insert([{ ...found, path: '/lib/moved/b.jpg', size: 7, mtimeMs: 8 }]);
    await photos.insert([{ ...found, path: '/lib/b.jpg', size: 9, mtimeMs: 10 }]);
    expect(await photos.storedFiles(['/lib/b.jpg', '/lib/moved/b.jpg', '/lib/none.jpg'])).toEqual(
      expect.arrayContaining([
        { path: '/lib/b.jpg', size: 9, mtimeMs: 10, hash: 'h-b' },
        { path: '/lib/moved/b.jpg', size: 7, mtimeMs: 8, hash: 'h-b' },
      ]),
    );
    expect(await photos.storedFiles(['/lib/none.jpg'])).toEqual([]);
    expect((await photos.info('/lib/moved/b.jpg'))?.takenAt).toBeNull();
    const byHash = await photos.pathsByHash(['h-b', 'h-none']);
    expect([...byHash.keys()]).toEqual(['h-b']);
    expect(byHash.get('h-b')!.sort()).toEqual(['/lib/b.jpg', '/lib/moved/b.jpg']);
  });

  it('a removed path is no longer a stored file', async () => {
    await photos.insert([record('/lib/c.jpg', 'h-c')]);
    await photos.remove(['/lib/c.jpg']);
    expect(await photos.storedFiles(['/lib/c.jpg'])).toEqual([]);
    expect(await photos.pathsByHash(['h-c'])).toEqual(new Map());
    expect(await photos.findByHash('h-c')).toBeNull();
  });

  it('finds paths with quotes, backslashes, tabs, newlines and braces through every lookup', async () => {
    // Text-form parameters (Array(String) over HTTP) escape these; each lookup must still match exactly.
    const folder = `/lib/it's a "back\\slash" {folder:String}`;
    const paths = [
      `${folder}/O'Brien\\1.jpg`,
      `${folder}/tab\there.jpg`,
      `${folder}/new\nline.jpg`,
      `${folder}/写真 %27.jpg`,
    ];
    await photos.insert(paths.map((path, i) => record(path, `h-hostile-${i}`, { folder })));
    expect((await photos.storedFiles(paths)).map((f) => f.path).sort()).toEqual([...paths].sort());
    expect([...(await photos.hashesOf(paths)).keys()].sort()).toEqual([...paths].sort());
    expect((await photos.pathsByHash(['h-hostile-0'])).get('h-hostile-0')).toEqual([paths[0]]);
    expect((await photos.knownUnder([folder])).map((f) => f.path).sort()).toEqual([...paths].sort());
    expect(await photos.countUnder(folder)).toBe(paths.length);
    expect((await photos.pathsUnder(folder)).sort()).toEqual([...paths].sort());
    for (const path of paths) {
      expect(await photos.info(path), path).toMatchObject({ path });
      expect(await photos.indexedFile(path), path).toMatchObject({ folder });
    }
    const nearest = await photos.nearest('clip-a', Float32Array.from([0.75, -0.5]), 50, 0.01);
    expect(nearest.map((r) => r.path)).toEqual(expect.arrayContaining(paths));
    await photos.remove(paths);
    expect(await photos.storedFiles(paths)).toEqual([]);
    expect(await photos.countUnder(folder)).toBe(0);
  });
});
