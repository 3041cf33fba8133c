import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateSimilarPairs } from '../indexing/pairing';
import { openDatabase, type Database } from '../store/database';
import { PairStore } from '../store/pair-store';
import { PhotoStore, type PhotoRecord } from '../store/photo-store';
import { migrate } from '../store/schema';
import { seededRandom } from '../testing/seeded-random';
import { storageTargets } from '../testing/storage-targets';
import { upkeepCells } from './cell-upkeep';
import { vectorPhotoRecord } from '../testing/vector-photo-record';

const MODEL = { id: 'clip-cells', maxDistance: 0.5 };
const DIMS = 16;
/** Lowered from the real threshold so a few hundred photos get cells. */
const CELLS = { minHashes: 100 };

interface Photo {
  path: string;
  hash: string;
  vector: number[];
}

/**
 * Unit vectors in bursts (1-5 members around a centre, a burst-specific spread): clustered like photos.
 * Wide enough bursts that some pairs straddle two cells (with one probe per vector the pair test fails).
 */
function clusteredPhotos(count: number, seed: number, prefix: string, copies = true): Photo[] {
  const random = seededRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const photos: Photo[] = [];
  while (photos.length < count) {
    const centre = Array.from({ length: DIMS }, gaussian);
    const spread = 0.02 + random() * 0.3;
    const members = 1 + Math.floor(random() * 5);
    for (let m = 0; m < members && photos.length < count; m++) {
      const raw = centre.map((c) => c + spread * gaussian());
      const norm = Math.hypot(...raw);
      const n = photos.length;
      photos.push({
        path: `/lib/${prefix}/${n}.jpg`,
        hash: `${prefix}-${n}`,
        vector: raw.map((x) => Math.fround(x / norm)),
      });
    }
  }
  // Identical copies: a second path with the same content (query results list both).
  if (copies)
    for (let n = 0; n < count; n += 37) photos.push({ ...photos[n]!, path: `/lib/${prefix}/copy-${n}.jpg` });
  return photos;
}

function record(photo: Photo): PhotoRecord {
  return vectorPhotoRecord(photo.path, photo.hash, MODEL.id, photo.vector);
}

function distance(a: number[], b: number[]): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += (a[k]! - b[k]!) ** 2;
  return Math.sqrt(sum);
}

/** Every pair within the model's distance, exactly; pairs within 1e-4 of the cut are left out of both sides. */
function bruteForcePairs(photos: Photo[]): { exact: Set<string>; nearCut: Set<string> } {
  const byHash = new Map(photos.map((p) => [p.hash, p.vector]));
  const hashes = [...byHash.keys()].sort();
  const exact = new Set<string>();
  const nearCut = new Set<string>();
  for (let i = 0; i < hashes.length; i++)
    for (let j = i + 1; j < hashes.length; j++) {
      const d = distance(byHash.get(hashes[i]!)!, byHash.get(hashes[j]!)!);
      const key = `${hashes[i]}|${hashes[j]}`;
      if (Math.abs(d - MODEL.maxDistance) < 1e-4) nearCut.add(key);
      else if (d <= MODEL.maxDistance) exact.add(key);
    }
  return { exact, nearCut };
}

async function storedPairs(pairs: PairStore, nearCut: Set<string>): Promise<Set<string>> {
  const stored = await pairs.embeddingPairs(MODEL.id);
  return new Set(stored.map((p) => `${p.a}|${p.b}`).filter((key) => !nearCut.has(key)));
}

function bruteForceNearest(photos: Photo[], vector: number[], limit: number, maxDistance: number) {
  return photos
    .map((p) => ({ path: p.path, distance: distance(p.vector, vector) }))
    .filter((r) => r.distance <= maxDistance)
    .sort((x, y) => x.distance - y.distance || (x.path < y.path ? -1 : 1))
    .slice(0, limit)
    .map((r) => r.path);
}

describe.each(storageTargets())('cells for a library past brute force ($name)', (storage) => {
  let dir: string;
  let db: Database;
  let photos: PhotoStore;
  let pairs: PairStore;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'doppel-cells-'));
    db = await openDatabase(await storage.database(dir));
    await migrate(db);
    photos = new PhotoStore(db);
    pairs = new PairStore(db);
  });

  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('trains cells past the threshold and finds the same pairs and look-alikes as brute force', async () => {
    const library = clusteredPhotos(400, 1, 'a');
    await photos.insert(library.map(record));
    await updateSimilarPairs(pairs, MODEL, undefined, undefined, CELLS);
    const generation = await pairs.cells.current(MODEL.id);
    expect(generation?.cells).toBeGreaterThanOrEqual(20);
    const { exact, nearCut } = bruteForcePairs(library);
    expect(exact.size).toBeGreaterThan(200);
    expect(await storedPairs(pairs, nearCut)).toEqual(exact);

    // Query by photo through the cells, identical copies and all.
    for (const query of [library[0]!, library[37]!, library[150]!, library[399]!]) {
      const found = await photos.nearest(MODEL.id, Float32Array.from(query.vector), 10, 0.6);
      expect(found.map((r) => r.path)).toEqual(bruteForceNearest(library, query.vector, 10, 0.6));
      // Float32 distances from the cell rows: the BFloat16 scan would be off by up to about 0.004.
      const vectorOf = new Map(library.map((p) => [p.path, p.vector]));
      for (const result of found)
        expect(result.distance).toBeCloseTo(distance(vectorOf.get(result.path)!, query.vector), 5);
    }

    // An increment (new photos near old ones and far from them): paired in ClickHouse, still exact.
    const added = clusteredPhotos(15, 2, 'b', false).map((p, n) =>
      n % 3 === 0
        ? { ...p, vector: library[n * 7]!.vector.map((x, k) => Math.fround(x + (k === n % DIMS ? 0.05 : 0))) }
        : p,
    );
    await photos.insert(added.map(record));
    // Before pairing runs, the new photos are not in a cell yet: query by photo still finds them.
    const fresh = await photos.nearest(MODEL.id, Float32Array.from(added[1]!.vector), 5, 0.3);
    expect(fresh.map((r) => r.path)).toContain(added[1]!.path);
    await updateSimilarPairs(pairs, MODEL, undefined, undefined, CELLS);
    const all = bruteForcePairs([...library, ...added]);
    expect(await storedPairs(pairs, all.nearCut)).toEqual(all.exact);
    expect((await pairs.cells.current(MODEL.id))?.generation).toBe(generation!.generation);
  }, 120_000);

  it('reads the vectors of a hash list longer than a server takes in one URL (1 MiB)', async () => {
    // The library of the first test: 400 photos with cells. 20,000 more hashes (1.4 MB in a URL) that
    // have no vector: only the real ones come back, once each.
    const generation = (await pairs.cells.current(MODEL.id))!;
    const real = clusteredPhotos(400, 1, 'a').map((p) => p.hash);
    const unknown = Array.from({ length: 20_000 }, (_, n) => `missing-${String(n).padStart(40, '0')}`);
    const listed = [...unknown.slice(0, 10_000), ...real, ...real.slice(0, 50), ...unknown.slice(10_000)];
    const table = await pairs.cells.vectorsOf(generation, listed);
    expect([...table.hashes].sort()).toEqual([...new Set(real)].sort());
    expect(table.vectors.length).toBe(table.hashes.length * DIMS);
    const unassigned = await pairs.cells.unassignedVectors(MODEL.id, generation.generation, listed);
    expect(unassigned.hashes).toEqual([]);
  }, 120_000);

  it('retrains after tenfold growth, and an abort mid-training leaves the old cells in use', async () => {
    const model = { ...MODEL, id: 'clip-retrain' };
    const first = clusteredPhotos(120, 3, 'r').map((p) => ({ ...record(p), model: model.id }));
    await photos.insert(first);
    await updateSimilarPairs(pairs, model, undefined, undefined, CELLS);
    const old = await pairs.cells.current(model.id);
    expect(old?.trainedOn).toBe(120);

    const grown = clusteredPhotos(1200, 4, 's').map((p) => ({ ...record(p), model: model.id }));
    await photos.insert(grown);
    // Aborted once training has begun (the new generation's record is written, its centroids are not).
    const controller = new AbortController();
    const writeGeneration = pairs.cells.writeGeneration.bind(pairs.cells);
    pairs.cells.writeGeneration = async (generation) => {
      await writeGeneration(generation);
      if (!generation.complete) controller.abort();
    };
    const aborted = await upkeepCells(pairs.cells, model.id, CELLS, controller.signal);
    pairs.cells.writeGeneration = writeGeneration;
    expect(aborted?.generation.generation).toBe(old!.generation);
    const left = await pairs.cells.generations(model.id);
    expect(left.map((g) => g.complete)).toEqual([true, false]);
    expect((await pairs.cells.current(model.id))?.generation).toBe(old!.generation);
    const query = first[5]!;
    const found = await photos.nearest(model.id, Float32Array.from(query.vector), 3, 0.3);
    expect(found[0]?.path).toBe(query.path);

    // The next run redoes the training, switches generation and drops the old and the unfinished one.
    await updateSimilarPairs(pairs, model, undefined, undefined, CELLS);
    const generations = await pairs.cells.generations(model.id);
    expect(generations).toHaveLength(1);
    expect(generations[0]!.complete).toBe(true);
    expect(generations[0]!.generation).not.toBe(old!.generation);
    expect(generations[0]!.trainedOn).toBe(1200 + 120);
    // sqrt(N) cells, and more where an over-full one was split (train-cells.ts).
    expect(generations[0]!.cells).toBeGreaterThanOrEqual(Math.round(Math.sqrt(1320)));
    const again = await photos.nearest(model.id, Float32Array.from(query.vector), 3, 0.3);
    expect(again[0]?.path).toBe(query.path);
  }, 180_000);
});

describe.each(storageTargets().filter((target) => target.kind === 'server'))(
  'cells another computer replaces ($name)',
  (storage) => {
    let dir: string;
    let here: Database;
    let there: Database;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'doppel-cells-shared-'));
      // Two connections to one database, as two computers sharing an index have: each remembers its own.
      const target = await storage.database(dir);
      here = await openDatabase(target);
      there = await openDatabase(target);
      await migrate(here);
    });

    afterAll(async () => {
      await here?.close();
      await there?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('a search whose remembered cells were retrained elsewhere still finds every look-alike', async () => {
      const library = clusteredPhotos(400, 7, 'x');
      const photos = new PhotoStore(here);
      await photos.insert(library.map(record));
      await updateSimilarPairs(new PairStore(here), MODEL, undefined, undefined, CELLS);
      const query = library[11]!;
      const expected = bruteForceNearest(library, query.vector, 10, 0.6);
      const search = () => photos.nearest(MODEL.id, Float32Array.from(query.vector), 10, 0.6);
      expect((await search()).map((r) => r.path)).toEqual(expected);

      // The other computer drops those cells and trains new ones; this one still remembers the old.
      const elsewhere = new PairStore(there);
      const old = await elsewhere.cells.current(MODEL.id);
      await elsewhere.cells.drop(old!);
      await upkeepCells(elsewhere.cells, MODEL.id, CELLS);
      expect((await elsewhere.cells.current(MODEL.id))?.generation).not.toBe(old!.generation);
      expect((await search()).map((r) => r.path)).toEqual(expected);
    }, 120_000);
  },
);
