import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageTargets } from '../testing/storage-targets';
import { vectorPhotoRecord } from '../testing/vector-photo-record';
import { openDatabase, type Database } from './database';
import { nextVersion, toPhotoRow, type PhotoRecord, type PhotoRow } from './photo-rows';
import { PhotoStore } from './photo-store';
import { MIGRATIONS, migrate, runSchemaStatement, SCHEMA_VERSION, SYNC_SEARCH_VECTORS } from './schema';

const DIMS = 16;

/** A unit vector pointing mostly along axis `axis`, nudged by `nudge` along the next axis. */
function unit(axis: number, nudge = 0): number[] {
  const v = new Array<number>(DIMS).fill(0);
  v[axis % DIMS] = 1;
  v[(axis + 1) % DIMS] = nudge;
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

function record(path: string, vector: number[], model = 'clip-a'): PhotoRecord {
  return { ...vectorPhotoRecord(path, `hash-${path}`, model, vector), size: 1000, width: 40, height: 30 };
}

/** The photos row the store writes for a record, for writes the store itself would not make. */
function row(path: string, vector: number[], model = 'clip-a'): PhotoRow {
  return toPhotoRow(record(path, vector, model), nextVersion());
}

/** The search_vectors row the store writes for a photos row, for writes the store itself would not make. */
function searchRowOf(photo: PhotoRow) {
  const { path, model, vector, hash, size, mtime_ms, width, height, format, taken_at, version } = photo;
  return { path, model, vector, hash, size, mtime_ms, width, height, format, taken_at, version };
}

async function searchRows(db: Database, path: string): Promise<number> {
  const result = await db.client.query({
    query: `SELECT count() AS n FROM ${db.name}.search_vectors FINAL WHERE path = {path:String}`,
    query_params: { path },
    format: 'JSONEachRow',
  });
  return Number(((await result.json()) as [{ n: string }])[0].n);
}

describe.each(storageTargets())('query by photo over search_vectors ($name)', (storage) => {
  let dir: string;
  let db: Database;
  let photos: PhotoStore;
  const near = (vector: number[], model = 'clip-a', limit = 10) =>
    photos.nearest(model, Float32Array.from(vector), limit, undefined);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'doppel-search-vectors-'));
    db = await openDatabase(await storage.database(dir));
    // An existing library: only the first schema, with photos already embedded.
    await db.client.command({
      query: `CREATE TABLE IF NOT EXISTS ${db.name}.schema_migrations (version UInt32) ENGINE = ReplacingMergeTree ORDER BY version`,
    });
    for (const statement of MIGRATIONS[0]!) {
      await db.client.command({ query: statement.replaceAll('{db}', db.name) });
    }
    await db.client.insert({
      table: `${db.name}.schema_migrations`,
      values: [{ version: 1 }],
      format: 'JSONEachRow',
    });
    await db.client.insert({
      table: `${db.name}.photos`,
      values: [row('/lib/old-1.jpg', unit(10)), row('/lib/old-2.jpg', unit(10, 0.2))],
      format: 'JSONEachRow',
    });
    expect(await migrate(db)).toBe(SCHEMA_VERSION);
    photos = new PhotoStore(db);
  });

  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('finds photos of a library written before the search table existed (the migration backfills it)', async () => {
    const results = await near(unit(10), 'clip-a', 2);
    expect(results.map((r) => r.path)).toEqual(['/lib/old-1.jpg', '/lib/old-2.jpg']);
    expect(results[0]!.distance).toBe(0);
    expect(results[1]!.distance).toBeCloseTo(
      Math.hypot(1 - 1 / Math.hypot(1, 0.2), 0.2 / Math.hypot(1, 0.2)),
      2,
    );
    expect(results[0]!.photo.hash).toBe('hash-/lib/old-1.jpg');
  });

  it('finds inserted photos in distance order, honouring the limit and the maximum distance', async () => {
    await photos.insert([
      record('/lib/a.jpg', unit(0)),
      record('/lib/b.jpg', unit(0, 0.1)),
      record('/lib/c.jpg', unit(0, 1)),
    ]);
    const all = await near(unit(0), 'clip-a', 3);
    expect(all.map((r) => r.path)).toEqual(['/lib/a.jpg', '/lib/b.jpg', '/lib/c.jpg']);
    const close = await photos.nearest('clip-a', Float32Array.from(unit(0)), 10, 0.2);
    expect(close.map((r) => r.path)).toEqual(['/lib/a.jpg', '/lib/b.jpg']);
  });

  it('a re-indexed photo is found once, by its new vector', async () => {
    await photos.insert([record('/lib/moving.jpg', unit(3))]);
    await photos.insert([record('/lib/moving.jpg', unit(5))]);
    expect((await near(unit(3), 'clip-a', 1))[0]?.path).not.toBe('/lib/moving.jpg');
    const found = await near(unit(5));
    expect(found.filter((r) => r.path === '/lib/moving.jpg')).toHaveLength(1);
    expect(found[0]!.path).toBe('/lib/moving.jpg');
  });

  it('a removed photo is never found, in either table', async () => {
    await photos.insert([record('/lib/gone.jpg', unit(7))]);
    expect((await near(unit(7), 'clip-a', 1))[0]?.path).toBe('/lib/gone.jpg');
    await photos.remove(['/lib/gone.jpg']);
    expect((await near(unit(7))).map((r) => r.path)).not.toContain('/lib/gone.jpg');
    expect(await searchRows(db, '/lib/gone.jpg')).toBe(0);
  });

  it('a photo re-embedded by another model is found only with that model', async () => {
    await photos.insert([record('/lib/model.jpg', unit(9))]);
    await photos.insert([record('/lib/model.jpg', unit(9), 'clip-b')]);
    expect((await near(unit(9), 'clip-a')).map((r) => r.path)).not.toContain('/lib/model.jpg');
    expect((await near(unit(9), 'clip-b')).map((r) => r.path)).toEqual(['/lib/model.jpg']);
  });

  it('a write killed after the search row drops nothing: the photo is found with its new vector', async () => {
    await photos.insert([record('/lib/half.jpg', unit(12))]);
    // The indexer was killed between the two inserts of a re-index: only the search row moved on.
    const next = searchRowOf(row('/lib/half.jpg', unit(12, 0.05)));
    await db.client.insert({ table: `${db.name}.search_vectors`, values: [next], format: 'JSONEachRow' });
    const found = await near(unit(12, 0.05), 'clip-a', 1);
    expect(found.map((r) => r.path)).toEqual(['/lib/half.jpg']);
    expect(found[0]!.distance).toBe(0);
    expect(found[0]!.photo.hash).toBe('hash-/lib/half.jpg');
  });

  it('a removal killed after the photos tombstone is completed by the sync on open', async () => {
    await photos.insert([record('/lib/half-gone.jpg', unit(14))]);
    await db.client.insert({
      table: `${db.name}.photos`,
      values: [{ path: '/lib/half-gone.jpg', version: nextVersion(), is_deleted: 1 }],
      format: 'JSONEachRow',
      columns: ['path', 'version', 'is_deleted'],
    });
    expect(await searchRows(db, '/lib/half-gone.jpg')).toBe(1);
    expect(await migrate(db)).toBe(SCHEMA_VERSION);
    expect(await searchRows(db, '/lib/half-gone.jpg')).toBe(0);
    expect((await near(unit(14))).map((r) => r.path)).not.toContain('/lib/half-gone.jpg');
  });

  it('the sync tombstones a search row whose photo was never written', async () => {
    const orphan = searchRowOf(row('/lib/orphan.jpg', unit(13)));
    await db.client.insert({ table: `${db.name}.search_vectors`, values: [orphan], format: 'JSONEachRow' });
    for (const statement of SYNC_SEARCH_VECTORS) await runSchemaStatement(db, statement);
    expect((await near(unit(13))).map((r) => r.path)).not.toContain('/lib/orphan.jpg');
    expect(await searchRows(db, '/lib/orphan.jpg')).toBe(0);
  });

  it('photos written without their search rows are found after the sync', async () => {
    await db.client.insert({
      table: `${db.name}.photos`,
      values: [row('/lib/outside.jpg', unit(15))],
      format: 'JSONEachRow',
    });
    expect((await near(unit(15), 'clip-a', 1)).map((r) => r.path)).not.toContain('/lib/outside.jpg');
    for (const statement of SYNC_SEARCH_VECTORS) await runSchemaStatement(db, statement);
    const found = await near(unit(15), 'clip-a', 1);
    expect(found.map((r) => r.path)).toEqual(['/lib/outside.jpg']);
    expect(found[0]!.photo).toMatchObject({
      hash: 'hash-/lib/outside.jpg',
      width: 40,
      height: 30,
      size: 1000,
    });
    expect(await searchRows(db, '/lib/outside.jpg')).toBe(1);
  });
});
