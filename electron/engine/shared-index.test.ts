import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuplicateGroup, StorageSettings } from '../../shared/contract/entities';
import { foreignPath, parseForeignPath } from '../../shared/machines/machine-paths';
import type { DoppelEngine } from './doppel-engine';
import { MACHINE_FILE } from './platform/machine-identity';
import { photoLikePixels, rawImage, writeImage } from './testing/photo-fixtures';
import { storageTargets, type StorageTarget } from './testing/storage-targets';
import { openTestEngine } from './testing/test-engine';

/**
 * One index, several computers: two engines with data folders of their own (two machine ids) write into
 * one database on the HTTP test server at the same time. Both index a folder at the same path (as two Macs
 * both have /Users/anna/Pictures; here the same files, so each is an identical copy across the computers),
 * a byte-identical file in folders of their own, and a re-saved copy of a photo of the other's.
 */
const [embedded, overHttp] = storageTargets() as [StorageTarget, StorageTarget];

const ANNA = 'Anna’s MacBook';
const BERT = 'Bert’s PC';

/** A data folder whose machine.json names the computer (as a user may edit it), before the engine makes one. */
async function namedDataDir(work: string, id: string, name: string): Promise<void> {
  await mkdir(join(work, 'data'), { recursive: true });
  await writeFile(join(work, 'data', MACHINE_FILE), JSON.stringify({ id, name }));
}

/** A group's members as (computer, path there): the same whichever computer lists them. */
function membersOf(group: DuplicateGroup, self: string): string[] {
  return group.items
    .map((item) => {
      const foreign = parseForeignPath(item.path);
      return `${foreign?.machineId ?? self} ${foreign?.path ?? item.path}`;
    })
    .sort();
}

describe('one index shared by two computers (server over HTTP)', () => {
  const annaId = 'a'.repeat(32);
  const bertId = 'b'.repeat(32);
  let work: string;
  let anna: DoppelEngine;
  let bert: DoppelEngine;
  /** Folders, as both computers name them on their disks. */
  let common: string;
  let annaOnly: string;
  let bertOnly: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-shared-index-'));
    common = join(work, 'Pictures');
    annaOnly = join(work, 'anna-phone');
    bertOnly = join(work, 'bert-camera');
    for (const [index, name] of ['c1.jpg', 'c2.jpg', 'c3.png'].entries())
      await writeImage(
        join(common, name),
        name.endsWith('.png')
          ? rawImage(photoLikePixels(101 + index)).png()
          : rawImage(photoLikePixels(101 + index)).jpeg(),
      );
    await writeImage(join(annaOnly, 'a1.jpg'), rawImage(photoLikePixels(201)).jpeg({ quality: 92 }));
    await writeImage(join(annaOnly, 'x.jpg'), rawImage(photoLikePixels(202)).jpeg());
    await writeImage(join(bertOnly, 'b1.jpg'), rawImage(photoLikePixels(301)).jpeg());
    await copyFile(join(annaOnly, 'x.jpg'), join(bertOnly, 'y.jpg'));
    await writeImage(
      join(bertOnly, 'a1-small.jpg'),
      rawImage(photoLikePixels(201)).resize(320, 240).jpeg({ quality: 70 }),
    );

    // One database on the test server for both (each data folder would get its own from engineStorage).
    const shared = (await overHttp.database(work)) as StorageSettings;
    const onShared: StorageTarget = { ...overHttp, engineStorage: () => Promise.resolve(shared) };
    await namedDataDir(join(work, 'anna'), annaId, ANNA);
    await namedDataDir(join(work, 'bert'), bertId, BERT);
    anna = await openTestEngine(join(work, 'anna'), { storage: onShared });
    bert = await openTestEngine(join(work, 'bert'), { storage: onShared });
    // At the same time, into one database: the counts and the cross-computer pairs must still be whole.
    const [annaRun, bertRun] = await Promise.all([
      anna.indexFolders({ paths: [common, annaOnly] }),
      bert.indexFolders({ paths: [common, bertOnly] }),
    ]);
    expect([annaRun.errors, bertRun.errors]).toEqual([[], []]);
    expect([annaRun.indexed, bertRun.indexed]).toEqual([5, 6]);
  }, 240_000);

  afterAll(async () => {
    await anna?.close();
    await bert?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('counts every photo of both computers on each, and names the other’s folders by their computer', async () => {
    const foldersOf: Record<string, Record<string, number>> = {
      [annaId]: { [annaOnly]: 2, [common]: 3 },
      [bertId]: { [bertOnly]: 3, [common]: 3 },
    };
    for (const [engine, self, other, otherName] of [
      [anna, annaId, bertId, BERT],
      [bert, bertId, annaId, ANNA],
    ] as const) {
      const status = await engine.status();
      expect(status.images).toBe(11);
      expect(status.machine).toEqual({ id: self, name: self === annaId ? ANNA : BERT });
      const listed = Object.fromEntries(
        status.folders.map((folder) => [folder.path, [folder.images, folder.machine ?? 'here']]),
      );
      expect(listed).toEqual({
        ...Object.fromEntries(Object.entries(foldersOf[self]!).map(([path, n]) => [path, [n, 'here']])),
        ...Object.fromEntries(
          Object.entries(foldersOf[other]!).map(([path, n]) => [foreignPath(other, path), [n, otherName]]),
        ),
      });
    }
  });

  it('lists the same cross-computer groups on both: the same path on each, a copied file, a re-saved photo', async () => {
    const expected = [
      ...['c1.jpg', 'c2.jpg', 'c3.png'].map((name) =>
        [`${annaId} ${join(common, name)}`, `${bertId} ${join(common, name)}`].sort(),
      ),
      [`${annaId} ${join(annaOnly, 'x.jpg')}`, `${bertId} ${join(bertOnly, 'y.jpg')}`],
      [`${annaId} ${join(annaOnly, 'a1.jpg')}`, `${bertId} ${join(bertOnly, 'a1-small.jpg')}`],
    ].sort();
    for (const [engine, self] of [
      [anna, annaId],
      [bert, bertId],
    ] as const) {
      const { groups } = await engine.duplicates({});
      const copies = groups.filter((group) => group.kind !== 'similar');
      expect(copies.map((group) => membersOf(group, self)).sort()).toEqual(expected);
      const kinds = Object.fromEntries(copies.map((group) => [membersOf(group, self)[0], group.kind]));
      expect(kinds[`${annaId} ${join(annaOnly, 'a1.jpg')}`]).toBe('same-picture');
      expect(kinds[`${annaId} ${join(annaOnly, 'x.jpg')}`]).toBe('identical');
      const graph = await engine.duplicateGraph();
      const foreign = graph.photos.filter((photo) => parseForeignPath(photo.path) !== null);
      expect(foreign.length).toBeGreaterThan(0);
      for (const photo of graph.photos)
        expect(photo.machine).toBe(
          parseForeignPath(photo.path) === null ? undefined : self === annaId ? BERT : ANNA,
        );
    }
  });

  it('finds the other computer’s photos in a search, named by their computer', async () => {
    const query = join(work, 'query.jpg');
    await writeImage(query, rawImage(photoLikePixels(301)).jpeg({ quality: 60 }));
    const { results } = await anna.search({ image: { path: query }, limit: 3 });
    expect(results[0]).toMatchObject({
      path: foreignPath(bertId, join(bertOnly, 'b1.jpg')),
      photo: { machine: BERT },
    });
  });

  it('refuses to trash, move, show or keep the metadata of the other computer’s photo, naming where it lives', async () => {
    const bertsCopy = foreignPath(bertId, join(common, 'c1.jpg'));
    const trash = await anna.trash({ paths: [bertsCopy] });
    expect(trash.trashed).toEqual([]);
    expect(trash.failed).toEqual([
      {
        path: bertsCopy,
        error: `This photo lives on ${BERT}; open Doppel there to move it to the Trash.`,
      },
    ]);
    const destination = join(work, 'archive');
    await mkdir(destination);
    const move = await anna.moveToFolder({ paths: [bertsCopy], destination });
    expect(move.failed[0]?.error).toBe(
      `This photo lives on ${BERT}; open Doppel there to move it to a folder.`,
    );
    expect(await anna.media.thumbnail(bertsCopy, 128)).toBeNull();
    expect(await anna.media.fullImage(bertsCopy)).toBeNull();
    expect(await anna.isIndexed(bertsCopy)).toBe(false);
    const kept = await anna.keepMetadata({ sets: [{ keeper: join(common, 'c1.jpg'), copies: [bertsCopy] }] });
    expect(kept.failed[0]?.error).toBe(
      `This photo lives on ${BERT}; open Doppel there to keep its metadata.`,
    );
    // Nothing moved: the file is still there and still Bert's photo, on both computers.
    expect(existsSync(join(common, 'c1.jpg'))).toBe(true);
    expect((await bert.status()).images).toBe(11);
    // Anna's own photo at the same path is hers to act on (its thumbnail, here).
    expect(await anna.media.thumbnail(join(common, 'c1.jpg'), 128)).not.toBeNull();
  });

  it('rescans touch only this computer’s photos: the other’s files are never taken as vanished', async () => {
    // Bert's own folder is not on Anna's disk (as on another computer): her rescan must leave his photos.
    await rm(bertOnly, { recursive: true });
    const rescan = await anna.indexFolders({ paths: [common, annaOnly] });
    expect(rescan.removed).toBe(0);
    expect((await anna.status()).images).toBe(11);
    // A file Anna deletes goes from her library, while Bert's photo at the same path stays his.
    await rm(join(common, 'c2.jpg'));
    expect((await anna.indexFolders({ paths: [common] })).removed).toBe(1);
    const status = await bert.status();
    expect(status.images).toBe(10);
    expect(status.folders.find((folder) => folder.path === common)?.images).toBe(3);
    expect(await bert.isIndexed(join(common, 'c2.jpg'))).toBe(true);
  }, 120_000);
});

describe('one computer, embedded', () => {
  let work: string;
  let engine: DoppelEngine;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-one-machine-'));
    await writeImage(join(work, 'Photos', 'a.jpg'), rawImage(photoLikePixels(7)).jpeg());
    await copyFile(join(work, 'Photos', 'a.jpg'), join(work, 'Photos', 'b.jpg'));
    engine = await openTestEngine(work, { storage: embedded });
    await engine.indexFolders({ paths: [join(work, 'Photos')] });
  }, 120_000);

  afterAll(async () => {
    await engine?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('has a machine id of its own but shows nothing of it: plain paths, no computer names', async () => {
    const identity = JSON.parse(await readFile(join(work, 'data', MACHINE_FILE), 'utf8')) as { id: string };
    expect(identity.id).toMatch(/^[0-9a-f]{32}$/);
    const status = await engine.status();
    expect(status.machine).toBeUndefined();
    expect(status.folders).toEqual([{ path: join(work, 'Photos'), images: 2, protected: false }]);
    const graph = await engine.duplicateGraph();
    expect(graph.photos.map((photo) => photo.path).sort()).toEqual(
      ['a.jpg', 'b.jpg'].map((name) => join(work, 'Photos', name)),
    );
    expect(graph.photos.every((photo) => !('machine' in photo))).toBe(true);
  });
});
