import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignPath } from '../../../shared/machines/machine-paths';
import { isUnhashed, unhashedPlaceholder } from '../indexing/unhashed';
import { storageTargets } from '../testing/storage-targets';
import { openDatabase, type Database } from './database';
import { FolderStore } from './folder-store';
import { DuplicateGraphStore } from './graph-store';
import type { MachineScope } from './machine-scope';
import { registerMachine } from './machine-store';
import { PhotoStore, type PhotoRecord } from './photo-store';
import { migrate } from './schema';
import { StageStore } from './stage-store';

const ANNA = 'a'.repeat(32);
const BERT = 'b'.repeat(32);

function record(path: string, hash: string): PhotoRecord {
  return {
    path,
    folder: '/lib',
    size: 1,
    mtimeMs: 1,
    hash,
    width: 1,
    height: 1,
    format: 'jpeg',
    takenAt: null,
    signature: [],
    pixelVector: [],
    model: '',
    vector: [],
  };
}

/**
 * Two computers' rows in one database (the stores switch computer with db.machine, as two engines on one
 * server would each have their own): rows written before computers were told apart, and the same path on
 * both.
 */
describe.each(storageTargets())('photos and folders of several computers ($name)', (storage) => {
  let dir: string;
  let db: Database;
  let anna: MachineScope;
  let bert: MachineScope;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'doppel-machine-store-'));
    db = await openDatabase(await storage.database(dir));
    await migrate(db);
    // Written by the Doppel before machine ids: no computer named.
    await new FolderStore(db).add(['/lib']);
    await new PhotoStore(db).insert([record('/lib/a.jpg', '1'.repeat(64))]);
    anna = await registerMachine(db, { id: ANNA, name: 'Anna’s MacBook' });
    bert = await registerMachine(db, { id: BERT, name: 'Bert’s PC' });
  });

  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('gives the rows written before computers were told apart to the first computer registered', async () => {
    expect([anna.home, bert.home]).toEqual([ANNA, ANNA]);
    db.machine = anna;
    expect(await new FolderStore(db).list()).toEqual(['/lib']);
    expect((await new PhotoStore(db).knownUnder(['/lib'])).map((file) => file.path)).toEqual(['/lib/a.jpg']);
    // Registering again (a restart, a rename) keeps the order of computers.
    const renamed = await registerMachine(db, { id: BERT, name: 'Bert’s new PC' });
    expect(renamed.home).toBe(ANNA);
    expect(await (await registerMachine(db, { id: ANNA, name: 'Anna’s MacBook' })).nameOf(BERT)).toBe(
      'Bert’s new PC',
    );
  });

  it('keeps the plain keys with their first computer when a later one is stamped earlier (a clock set back)', async () => {
    const carla = 'c'.repeat(32);
    await db.client.command({
      query: `INSERT INTO ${db.name}.machines (id, name, first_seen, version)
              VALUES ({id:String}, 'Carla', '2001-01-01 00:00:00', 1)`,
      query_params: { id: carla },
    });
    const scope = await registerMachine(db, { id: carla, name: 'Carla' });
    expect(scope.home).toBe(ANNA);
    expect(scope.toKey('/lib/a.jpg')).toBe(foreignPath(carla, '/lib/a.jpg'));
  });

  it('keeps two computers’ rows at one path apart, each scanning only its own', async () => {
    db.machine = bert;
    // What Bert's computer scans and watches: none of Anna's folders, though he sees them.
    expect(await new FolderStore(db).list()).toEqual([]);
    expect(await new FolderStore(db).protectedFolders()).toEqual([]);
    await new FolderStore(db).add(['/lib']);
    await new PhotoStore(db).insert([record('/lib/a.jpg', '2'.repeat(64))]);
    const photos = new PhotoStore(db);
    expect(await photos.count()).toBe(2);
    expect(await photos.knownUnder(['/lib'])).toMatchObject([{ path: '/lib/a.jpg', hash: '2'.repeat(64) }]);
    expect(await new StageStore(db).pendingLooks(null, '', 10)).toMatchObject([{ path: '/lib/a.jpg' }]);
    expect(await new FolderStore(db).listEverywhere()).toEqual([
      { path: '/lib', protected: false },
      { path: foreignPath(ANNA, '/lib'), protected: false, machine: 'Anna’s MacBook' },
    ]);
    expect(await photos.info(foreignPath(ANNA, '/lib/a.jpg'))).toMatchObject({
      hash: '1'.repeat(64),
      machine: 'Anna’s MacBook',
    });

    db.machine = anna;
    expect(await new PhotoStore(db).knownUnder(['/lib'])).toMatchObject([{ hash: '1'.repeat(64) }]);
    expect(await new StageStore(db).pendingLooks(null, '', 10)).toMatchObject([{ path: '/lib/a.jpg' }]);
    expect(await new StageStore(db).counts(null)).toMatchObject({ photos: 1 });
    expect(await new PhotoStore(db).hashesOf([foreignPath(BERT, '/lib/a.jpg')])).toEqual(
      new Map([[foreignPath(BERT, '/lib/a.jpg'), '2'.repeat(64)]]),
    );
  });

  it('never takes two computers’ files at one path, not hashed yet, for identical copies', async () => {
    const path = '/lib/not-hashed.jpg';
    for (const scope of [anna, bert]) {
      db.machine = scope;
      await new PhotoStore(db).insert([record(path, unhashedPlaceholder(path))]);
    }
    for (const scope of [anna, bert]) {
      db.machine = scope;
      const known = await new PhotoStore(db).knownUnder(['/lib']);
      expect(isUnhashed(known.find((file) => file.path === path)!.hash, path)).toBe(true);
      const grouped = await new DuplicateGraphStore(db).photosWithPartners('');
      expect(grouped.filter((photo) => photo.path.endsWith('not-hashed.jpg'))).toEqual([]);
    }
  });
});
