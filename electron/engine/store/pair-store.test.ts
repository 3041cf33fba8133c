import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageTargets } from '../testing/storage-targets';
import { vectorPhotoRecord } from '../testing/vector-photo-record';
import { openDatabase, type Database } from './database';
import { DuplicateGraphStore } from './graph-store';
import { PairStore, PIXEL_PAIRING } from './pair-store';
import { PhotoStore, type PhotoRecord } from './photo-store';
import { migrate } from './schema';

function record(path: string, hash: string, overrides: Partial<PhotoRecord> = {}): PhotoRecord {
  return {
    ...vectorPhotoRecord(path, hash, 'clip-a', [0.6, 0.8]),
    signature: [hash.length, 255, 0],
    pixelVector: [1.5, -2.25, 0.125],
    ...overrides,
  };
}

/** The pair graphs and the photos they are read with, as the indexer and the duplicate graph use them. */
describe.each(storageTargets())('PairStore and DuplicateGraphStore ($name)', (storage) => {
  let dir: string;
  let db: Database;
  let photos: PhotoStore;
  let pairs: PairStore;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'doppel-pair-store-'));
    db = await openDatabase(await storage.database(dir));
    await migrate(db);
    photos = new PhotoStore(db);
    pairs = new PairStore(db);
  });

  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads every vector of a model and the pixel vectors as exact floats, one row per content', async () => {
    await photos.insert([
      record('/lib/v/a.jpg', 'v-a', { vector: [0.6, -0.8] }),
      record('/lib/v/a copy.jpg', 'v-a', { vector: [0.6, -0.8] }),
      record('/lib/v/b.jpg', 'v-b', { vector: [1 / 3, 0.1], model: 'clip-v', pixelVector: [] }),
      record('/lib/v/c.jpg', 'v-c', { vector: [0.25, -0.5], model: 'clip-v' }),
    ]);
    const table = await pairs.modelVectors('clip-v');
    expect(table.dims).toBe(2);
    const byHash = Object.fromEntries(
      table.hashes.map((hash, i) => [hash, Array.from(table.vectors.subarray(i * 2, i * 2 + 2))]),
    );
    expect(byHash).toEqual({
      'v-b': Array.from(Float32Array.from([1 / 3, 0.1])),
      'v-c': [0.25, -0.5],
    });
    const pixels = await pairs.pixelVectors();
    expect(pixels.hashes.filter((hash) => hash.startsWith('v-')).sort()).toEqual(['v-a', 'v-c']);
    expect(pixels.hashes).toHaveLength(new Set(pixels.hashes).size);
  });

  it('keeps track of what is paired, per model and for the pixels', async () => {
    await photos.insert([record('/lib/u/x.jpg', 'u-x', { model: 'clip-u' })]);
    expect(await pairs.unpairedHashes('clip-u')).toEqual(['u-x']);
    await pairs.markPaired('clip-u', ['u-x']);
    expect(await pairs.unpairedHashes('clip-u')).toEqual([]);
    expect(await pairs.unpairedHashes(PIXEL_PAIRING)).toContain('u-x');
    await pairs.markPaired(PIXEL_PAIRING, ['u-x']);
    expect(await pairs.unpairedHashes(PIXEL_PAIRING)).not.toContain('u-x');
  });

  it('gives back signatures for more hashes than one query takes, and pairs only of live photos', async () => {
    const many = Array.from({ length: 10_050 }, (_, i) => `missing-${i}`);
    await photos.insert([record('/lib/s/one.jpg', 's-one'), record('/lib/s/two.jpg', 's-two')]);
    const signatures = await pairs.signaturesOf([...many, 's-one', 's-two']);
    expect([...signatures.keys()].sort()).toEqual(['s-one', 's-two']);
    expect(Array.from(signatures.get('s-one')!)).toEqual([5, 255, 0]);

    await pairs.insertPairs('clip-a', [
      { a: 's-one', b: 's-two', distance: 0.125 },
      { a: 's-one', b: 'never-stored', distance: 0.05 },
    ]);
    expect(await pairs.embeddingPairs('clip-a')).toEqual([{ a: 's-one', b: 's-two', distance: 0.125 }]);
    await pairs.insertPixelPairs([{ a: 's-two', b: 's-one', correlation: 0.97, level: 'normal' }]);
    // A same-picture pair the similar graph holds takes that graph's distance.
    const pixel = (await pairs.pixelPairs('clip-a')).filter((p) => p.a === 's-one');
    expect(pixel).toEqual([{ a: 's-one', b: 's-two', distance: 0.125, level: 'normal' }]);
    expect((await pairs.pixelPairs('another-model')).filter((p) => p.a === 's-one')).toEqual([
      { a: 's-one', b: 's-two', distance: null, level: 'normal' },
    ]);
  });

  it('measures a same-picture pair the similar graph lacks from the two vectors, an old version too', async () => {
    const x = [1, 0];
    const y = [0, 1];
    await photos.insert([
      record('/lib/m/x.jpg', 'm-x', { model: 'clip-m', vector: x }),
      record('/lib/m/y.jpg', 'm-y', { model: 'clip-m', vector: y }),
    ]);
    // The photo moved: its older row holds the same content's vector.
    await photos.insert([record('/lib/m/y-moved.jpg', 'm-y', { model: 'clip-m', vector: y })]);
    await photos.remove(['/lib/m/y.jpg']);
    await pairs.insertPixelPairs([
      { a: 'm-x', b: 'm-y', correlation: 0.9, level: 'loose' },
      { a: 'm-x', b: 'm-gone', correlation: 0.9, level: 'loose' },
    ]);
    const pixel = (await pairs.pixelPairs('clip-m')).filter((p) => p.a === 'm-x');
    expect(pixel).toHaveLength(1);
    expect(pixel[0]).toMatchObject({ a: 'm-x', b: 'm-y', level: 'loose' });
    expect(pixel[0]!.distance).toBeCloseTo(Math.SQRT2, 6);
  });

  it('stores "not duplicates" in one order whichever way it was asked', async () => {
    await pairs.dismiss([
      ['d-z', 'd-a'],
      ['d-a', 'd-z'],
      ['d-b', 'd-c'],
    ]);
    expect((await pairs.dismissed()).filter(([a]) => a.startsWith('d-')).sort()).toEqual([
      ['d-a', 'd-z'],
      ['d-b', 'd-c'],
    ]);
  });

  it('reads the graph photos with partners and the RAW+JPEG candidates, case-folded, with odd names', async () => {
    const folder = `/lib/g/it's \\ "odd"`;
    await photos.insert([
      record(`${folder}/DSC_1.NEF`, 'g-raw-1', { model: 'clip-g', folder }),
      record(`${folder}/dsc_1.jpg`, 'g-jpeg-1', { model: 'clip-g', folder }),
      record(`${folder}/DSC_2.JPG`, 'g-jpeg-2', { model: 'clip-g', folder }),
      record(`${folder}/copy of DSC_2.JPG`, 'g-jpeg-2', { model: 'clip-g', folder }),
      record(`${folder}/alone.jpg`, 'g-alone', { model: 'clip-g', folder }),
    ]);
    await pairs.insertPairs('clip-g', [{ a: 'g-jpeg-1', b: 'g-raw-1', distance: 0.2 }]);
    const graph = new DuplicateGraphStore(db);
    const partners = (await graph.photosWithPartners('clip-g')).map((p) => p.path);
    expect(partners.filter((path) => path.startsWith(folder))).toEqual([
      `${folder}/DSC_1.NEF`,
      `${folder}/DSC_2.JPG`,
      `${folder}/copy of DSC_2.JPG`,
      `${folder}/dsc_1.jpg`,
    ]);
    const twins = (await graph.rawJpegTwinCandidates()).map((p) => p.path);
    expect(twins.filter((path) => path.startsWith(folder)).sort()).toEqual([
      `${folder}/DSC_1.NEF`,
      `${folder}/dsc_1.jpg`,
    ]);
  });
});
