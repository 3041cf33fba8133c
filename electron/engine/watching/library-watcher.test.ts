import { mkdir, mkdtemp, readdir, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IndexResult } from '../../../shared/contract/entities';
import { DoppelEngine, type EngineOptions } from '../doppel-engine';
import { TINY_MODEL_DIR } from '../testing/library-fixture';
import { photoLikePixels, rawImage, writeImage } from '../testing/photo-fixtures';
import { unreadableFolders as unreadable } from '../testing/unreadable-folders';

// A listing that fails with EACCES even as root (see testing/unreadable-folders.ts).
vi.mock('node:fs/promises', async (importOriginal) =>
  (await import('../testing/unreadable-folders.js')).withUnreadableReaddir(await importOriginal()),
);

/** Every path the engine decoded: a moved photo must reuse its work, never be decoded again. */
const decoded = vi.hoisted(() => [] as string[]);
vi.mock('../image/decode-photo', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../image/decode-photo')>();
  return {
    ...actual,
    decodePhoto: (...args: Parameters<typeof actual.decodePhoto>) => {
      const [input] = args;
      // Indexing hands over the file it opened (and checked); a path is what other callers pass.
      if (typeof input === 'string') decoded.push(input);
      else if (!Buffer.isBuffer(input)) decoded.push(input.path);
      return actual.decodePhoto(...args);
    },
  };
});

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const photo = (path: string, seed: number) =>
  writeImage(path, rawImage(photoLikePixels(seed, 320, 240), 320, 240).jpeg({ quality: 85 }));

describe('watching the library', () => {
  let work: string;
  let library: string;
  let engine: DoppelEngine | null = null;
  let finished: IndexResult[];

  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-watch-'));
    library = join(work, 'Photos');
    decoded.length = 0;
    finished = [];
    for (const [name, seed] of [
      ['a.jpg', 1],
      ['b.jpg', 2],
      ['c.jpg', 3],
    ] as const)
      await photo(join(library, name), seed);
  });

  afterEach(async () => {
    unreadable.clear();
    await engine?.close();
    engine = null;
    await rm(work, { recursive: true, force: true });
  });

  async function open(watch: EngineOptions['watch'], dataDir = join(work, 'data')): Promise<DoppelEngine> {
    engine = await DoppelEngine.open({ dataDir, role: 'test', model: TINY_MODEL_DIR, watch });
    engine.onEvent((event, payload) => {
      if (event === 'indexFinished') finished.push(payload as IndexResult);
    });
    return engine;
  }

  it('picks up new, deleted and moved photos without decoding the moved one again', async () => {
    // The data folder inside the library: the database's own writes must not trigger endless reindexing.
    const engine = await open({ quietMs: 300 }, join(library, 'doppel-data'));
    await engine.indexFolders({ paths: [library] });
    expect(decoded.filter((path) => path.startsWith(library))).toHaveLength(3);
    decoded.length = 0;
    finished.length = 0;

    await photo(join(library, 'new', 'd.jpg'), 4);
    await unlink(join(library, 'b.jpg'));
    await mkdir(join(library, 'moved'), { recursive: true });
    await rename(join(library, 'c.jpg'), join(library, 'moved', 'c renamed.jpg'));

    const indexed = (path: string) => engine.isIndexed(path);
    await until(
      async () =>
        (await indexed(join(library, 'new', 'd.jpg'))) &&
        (await indexed(join(library, 'moved', 'c renamed.jpg'))) &&
        !(await indexed(join(library, 'b.jpg'))) &&
        !(await indexed(join(library, 'c.jpg'))) &&
        finished.length > 0 &&
        (await engine.status()).indexing === null,
      'the library reflects the new, deleted and moved photos',
    );
    expect((await engine.status()).images).toBe(3);
    expect(decoded).toEqual([join(library, 'new', 'd.jpg')]);
    expect(finished.length).toBeGreaterThan(0);
    expect(finished.every((result) => result.errors.length === 0)).toBe(true);
    expect(finished.reduce((sum, result) => sum + result.removed, 0)).toBe(2); // b, and c's old path

    // Quiet library: no more runs (the data folder's writes are ignored), and an editor rewriting its
    // sidecars and catalog does not rescan the library either.
    const runs = finished.length;
    for (let i = 0; i < 3; i++) {
      await writeFile(join(library, 'a.xmp'), `<x:xmpmeta rating="${i}"/>`);
      await writeFile(join(library, 'catalog.lrcat'), `version ${i}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(finished.length).toBe(runs);
  });

  it.each([
    ['a watched rescan of the changed folder', { quietMs: 300 }],
    ['a periodic rescan', { nativeWatching: false, rescanMs: 400, quietMs: 50 }],
  ])("never indexes Doppel's own folders or thumbnails reached through links, in %s", async (_, watch) => {
    const dataDir = join(work, 'data');
    const engine = await open(watch, dataDir);
    await engine.indexFolders({ paths: [library] });
    // Real thumbnails (JPEGs) in the default folder, and in one chosen in Settings outside the library.
    expect(await engine.media.thumbnail(join(library, 'a.jpg'), 128)).not.toBeNull();
    const chosen = join(work, 'Cache');
    await engine.updateSettings({ thumbnailCacheDir: chosen });
    expect(await engine.media.thumbnail(join(library, 'b.jpg'), 128)).not.toBeNull();
    const shard = (await readdir(join(dataDir, 'thumbnails')))[0]!;
    const thumbnail = join(
      dataDir,
      'thumbnails',
      shard,
      (await readdir(join(dataDir, 'thumbnails', shard)))[0]!,
    );
    finished.length = 0;

    await mkdir(join(library, 'links'));
    await symlink(join(dataDir, 'thumbnails'), join(library, 'links', 'thumbs'));
    await symlink(dataDir, join(library, 'links', 'data'));
    await symlink(chosen, join(library, 'links', 'cache'));
    await symlink(thumbnail, join(library, 'links', 'thumb.jpg'));
    await photo(join(library, 'links', 'd.jpg'), 4);
    await until(
      async () =>
        (await engine.isIndexed(join(library, 'links', 'd.jpg'))) &&
        finished.length > 0 &&
        (await engine.status()).indexing === null,
      'the watcher rescans the changed folder',
    );
    expect((await engine.status()).images).toBe(4);
    // And so does a run of the whole library.
    await engine.indexFolders({ paths: [library] });
    expect((await engine.status()).images).toBe(4);
  });

  it('re-reads a photo that changed in place', async () => {
    const engine = await open({ quietMs: 300 });
    await engine.indexFolders({ paths: [library] });
    decoded.length = 0;
    await photo(join(library, 'a.jpg'), 99);
    await until(
      async () => decoded.includes(join(library, 'a.jpg')) && finished.length >= 2,
      'a.jpg is re-read',
    );
  });

  it('falls back to a periodic rescan where native watching is unavailable', async () => {
    const engine = await open({ nativeWatching: false, rescanMs: 400, quietMs: 50 });
    await engine.indexFolders({ paths: [library] });
    await photo(join(library, 'late.jpg'), 5);
    await until(() => engine.isIndexed(join(library, 'late.jpg')), 'the rescan finds late.jpg');
  });

  it("lets a user's index run wait for the watcher's run instead of refusing it", async () => {
    const engine = await open({ quietMs: 50 });
    await engine.indexFolders({ paths: [library] });
    for (let seed = 10; seed < 16; seed++) await photo(join(library, 'burst', `${seed}.jpg`), seed);
    await until(async () => (await engine.status()).indexing !== null, 'the watcher starts indexing', 10_000);
    const result = await engine.indexFolders({ paths: [library] });
    expect(result.errors).toEqual([]);
    expect((await engine.status()).images).toBe(9);
  });

  it('never brings back a folder removed while the watcher was indexing it', async () => {
    const engine = await open({ quietMs: 50 });
    await engine.indexFolders({ paths: [library] });
    for (let seed = 20; seed < 32; seed++) await photo(join(library, 'burst', `${seed}.jpg`), seed);
    await until(async () => (await engine.status()).indexing !== null, 'the watcher starts indexing', 10_000);
    await engine.removeFolder({ path: library });
    await photo(join(library, 'after.jpg'), 40); // a change after the removal starts no run either
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const status = await engine.status();
    expect(status.folders).toEqual([]);
    expect(status.images).toBe(0);
  });

  describe('in a library with several subfolders', () => {
    // Besides a, b and c at the top: 8 photos, so a walk of the whole library skips at least 7.
    const layout = [
      ['2023', 'x1.jpg'],
      ['2023', 'x2.jpg'],
      ['2024', 'trip', 't1.jpg'],
      ['2024', 'trip', 't2.jpg'],
      ['2024', 'home', 'h1.jpg'],
    ];

    async function openIndexed(): Promise<DoppelEngine> {
      for (const [i, parts] of layout.entries()) await photo(join(library, ...parts), 50 + i);
      const engine = await open({ quietMs: 300 });
      await engine.indexFolders({ paths: [library] });
      expect((await engine.status()).images).toBe(8);
      decoded.length = 0;
      finished.length = 0;
      return engine;
    }

    const settled = async (engine: DoppelEngine) =>
      finished.length > 0 && (await engine.status()).indexing === null;

    it('rescans only the subfolder where a photo appeared', async () => {
      const engine = await openIndexed();
      const added = join(library, '2024', 'trip', 't3.jpg');
      await photo(added, 60);
      await until(
        async () => (await engine.isIndexed(added)) && (await settled(engine)),
        't3.jpg is indexed',
      );
      expect(decoded).toEqual([added]);
      // Only 2024/trip was walked: its own unchanged photos are the only ones skipped.
      expect(finished.every((result) => result.skipped <= 3 && result.removed === 0)).toBe(true);
      expect(finished.reduce((sum, result) => sum + result.indexed, 0)).toBe(1);
      expect((await engine.status()).images).toBe(9);
    });

    it('drops the photos of a deleted subfolder, and only those', async () => {
      const engine = await openIndexed();
      await rm(join(library, '2024', 'trip'), { recursive: true });
      await until(
        async () =>
          !(await engine.isIndexed(join(library, '2024', 'trip', 't1.jpg'))) &&
          !(await engine.isIndexed(join(library, '2024', 'trip', 't2.jpg'))) &&
          (await settled(engine)),
        'the deleted folder is gone from the library',
      );
      expect(finished.reduce((sum, result) => sum + result.removed, 0)).toBe(2);
      expect(finished.every((result) => result.skipped <= 1 && result.errors.length === 0)).toBe(true); // h1
      expect((await engine.status()).images).toBe(6);
      expect(await engine.isIndexed(join(library, '2024', 'home', 'h1.jpg'))).toBe(true);
    });

    it('indexes the photos of a new subfolder without walking the rest', async () => {
      const engine = await openIndexed();
      const added = [
        join(library, '2024', 'new', 'deeper', 'n1.jpg'),
        join(library, '2024', 'new', 'n2.jpg'),
      ];
      for (const [i, path] of added.entries()) await photo(path, 70 + i);
      await until(
        async () =>
          (await engine.isIndexed(added[0]!)) &&
          (await engine.isIndexed(added[1]!)) &&
          (await settled(engine)),
        'the new folder is indexed',
      );
      expect([...decoded].sort()).toEqual([...added].sort());
      expect(finished.every((result) => result.skipped <= 2 && result.removed === 0)).toBe(true);
      expect((await engine.status()).images).toBe(10);
    });

    it('drops nothing under a changed subfolder it cannot read', async () => {
      const engine = await openIndexed();
      unreadable.add(join(library, '2023'));
      await unlink(join(library, '2023', 'x1.jpg'));
      await until(() => settled(engine), 'the watcher rescans 2023');
      expect(finished.reduce((sum, result) => sum + result.removed, 0)).toBe(0);
      expect(finished.at(-1)!.errors).toEqual([
        { path: join(library, '2023'), error: 'cannot read folder: EACCES' },
      ]);
      expect((await engine.status()).images).toBe(8);
    });
  });
});
