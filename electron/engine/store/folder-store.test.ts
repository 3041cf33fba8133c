import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageTargets } from '../testing/storage-targets';
import { ContentIndex } from './content-index';
import { openDatabase, type Database } from './database';
import { FolderStore } from './folder-store';
import { PhotoStore, type PhotoRecord } from './photo-store';
import { migrate } from './schema';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function record(path: string, hash: string): PhotoRecord {
  return {
    path,
    folder: '/lib',
    size: 1,
    mtimeMs: 1,
    hash,
    width: 1,
    height: 1,
    format: 'png',
    takenAt: null,
    signature: [],
    pixelVector: [],
    model: '',
    vector: [],
  };
}

/** The library's folders and the content index an index run loads once. */
describe.each(storageTargets())('FolderStore and ContentIndex ($name)', (storage) => {
  let dir: string;
  let db: Database;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'doppel-folder-store-'));
    db = await openDatabase(await storage.database(dir));
    await migrate(db);
  });

  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the folders added and not removed, by their exact names', async () => {
    const folders = new FolderStore(db);
    const odd = `/Volumes/it's a \\ "card"\tA`;
    await folders.add(['/home/me/Pictures', odd, '/mnt/old']);
    await folders.remove('/mnt/old');
    expect(await folders.list()).toEqual([odd, '/home/me/Pictures']);
  });

  it('knows every content of the library, streamed in many blocks, and what a run remembers', async () => {
    const hashes = Array.from({ length: 6000 }, (_, i) => sha256(`photo ${i}`));
    const photos = new PhotoStore(db);
    for (let i = 0; i < hashes.length; i += 3000)
      await photos.insert(hashes.slice(i, i + 3000).map((hash, j) => record(`/lib/${i + j}.png`, hash)));
    const index = await ContentIndex.load(db);
    expect(hashes.every((hash) => index.mayContain(hash))).toBe(true);
    const added = sha256('a photo this run adds');
    expect(index.mayContain(added)).toBe(false);
    index.remember(added);
    expect(index.mayContain(added)).toBe(true);
  });
});
