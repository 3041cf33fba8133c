import { copyFile, mkdtemp, rm, unlink, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoppelEngine } from './doppel-engine';
import { openTestEngine } from './testing/test-engine';
import { PLANTED_EDITS, photoLikePixels, rawImage, writeImage } from './testing/photo-fixtures';
import { makePlantedLibrary, type PlantedLibrary } from './testing/library-fixture';
import { storageTargets } from './testing/storage-targets';

/**
 * The engine end to end: real ClickHouse (embedded chdb, or a server over HTTP), the committed tiny model,
 * generated photos.
 */
describe.each(storageTargets())('DoppelEngine on a planted library ($name)', (storage) => {
  let work: string;
  let library: PlantedLibrary;
  let engine: DoppelEngine;
  let firstRun: Awaited<ReturnType<DoppelEngine['indexFolders']>>;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-engine-'));
    library = await makePlantedLibrary(join(work, 'Photos'));
    engine = await openTestEngine(work, { storage });
    firstRun = await engine.indexFolders({ paths: [library.root] });
  });

  afterAll(async () => {
    await engine?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('indexes every readable photo and reports each bad file with a reason', async () => {
    const photos =
      library.families.length * (1 + Object.keys(PLANTED_EDITS).length) + 2 + library.smooth.length;
    expect(firstRun.indexed).toBe(photos);
    expect(firstRun.errors.map((e) => e.path).sort()).toEqual([...library.bad].sort());
    const reasons = Object.fromEntries(firstRun.errors.map((e) => [basename(e.path), e.error]));
    expect(reasons['empty.jpg']).toMatch(/empty/);
    expect(reasons['bomb.png']).toMatch(/too large/);
    expect(reasons['notes.png']).toMatch(/not an image/);
    expect(await engine.status()).toMatchObject({ images: photos, storage: storage.kind });
  });

  it('groups each original with its edited copies as the same picture, and merges nothing else', async () => {
    const { groups } = await engine.duplicates({});
    const families = library.families.map((f) => [f.original, ...f.copies].sort());
    const expected = [...families, [...library.identical].sort()];
    expect(groups.map((g) => g.items.map((i) => i.path).sort()).sort()).toEqual(expected.sort());
    for (const family of library.families) {
      const group = groups.find((g) => g.items.some((i) => i.path === family.original))!;
      expect(group.kind).toBe('same-picture');
      expect(group.keeper).toBe(family.original); // most pixels, then biggest file
    }
    const twins = groups.find((g) => g.items.some((i) => i.path === library.identical[0]))!;
    expect(twins.kind).toBe('identical');
    expect(twins.items.map((i) => i.distance)).toEqual([0, 0]);
  });

  it('keeps same-picture groups at distance 0 (the perceptual check, not the model, decides them)', async () => {
    const { groups } = await engine.duplicates({ maxDistance: 0 });
    expect(groups.filter((g) => g.kind !== 'similar')).toHaveLength(library.families.length + 1);
  });

  it('puts the original first when searching with an edited copy from outside the library', async () => {
    for (const [index, family] of library.families.entries()) {
      const query = join(work, 'queries', `${index}.jpg`);
      await writeImage(
        query,
        rawImage(photoLikePixels((index + 1) * 7919))
          .resize(400, 300)
          .jpeg({ quality: 60 }),
      );
      const { results } = await engine.search({ image: { path: query }, limit: 10 });
      const familyPaths = new Set([family.original, ...family.copies]);
      expect(familyPaths.has(results[0]!.path)).toBe(true);
      const distances = results.map((r) => r.distance);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
      const original = results.find((r) => r.path === family.original)!;
      expect(original.distance).toBeLessThan(0.05);
    }
  });

  it('honours --max-distance and --limit in search', async () => {
    const { results } = await engine.search({ image: { path: library.families[0]!.original }, limit: 3 });
    expect(results).toHaveLength(3);
    expect(results[0]!.distance).toBeCloseTo(0, 5);
    const near = await engine.search({
      image: { path: library.families[0]!.original },
      limit: 50,
      maxDistance: 0.05,
    });
    expect(near.results.length).toBeGreaterThan(0);
    expect(near.results.every((r) => r.distance <= 0.05)).toBe(true);
  });

  it('re-indexing skips unchanged files, re-embeds changed ones and drops vanished ones', async () => {
    const again = await engine.indexFolders({ paths: [library.root] });
    expect(again.indexed).toBe(0);
    expect(again.skipped).toBe(firstRun.indexed);
    const changed = library.smooth[0]!;
    await writeImage(changed, rawImage(photoLikePixels(99)).png());
    await utimes(changed, new Date(), new Date(Date.now() + 5000));
    const gone = library.smooth[1]!;
    await unlink(gone);
    const moved = join(dirname(library.smooth[2]!), 'renamed.png');
    await copyFile(library.smooth[2]!, moved);
    await unlink(library.smooth[2]!);
    const third = await engine.indexFolders({ paths: [library.root] });
    expect(third).toMatchObject({ indexed: 2, removed: 2, skipped: firstRun.indexed - 3 });
    expect((await engine.status()).images).toBe(firstRun.indexed - 1);
  });

  it('"not duplicates" survives re-indexing and renames; trash moves files out of the library', async () => {
    const family = library.families[1]!;
    await engine.markNotDuplicates({ paths: [family.original, ...family.copies] });
    await engine.indexFolders({ paths: [library.root] });
    let groups = (await engine.duplicates({})).groups;
    expect(groups.some((g) => g.items.some((i) => i.path === family.original))).toBe(false);

    const target = library.families[2]!;
    const result = await engine.trash({ paths: [target.copies[0]!, join(work, 'not-indexed.jpg')] });
    expect(result.trashed).toEqual([target.copies[0]]);
    expect(result.failed[0]!.error).toMatch(/not in the library/);
    groups = (await engine.duplicates({})).groups;
    const group = groups.find((g) => g.keeper === target.original)!;
    expect(group.items.map((i) => i.path)).not.toContain(target.copies[0]);
  });
});
