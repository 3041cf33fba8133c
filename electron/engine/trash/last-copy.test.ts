import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DoppelEngine } from '../doppel-engine';
import { TINY_MODEL_DIR } from '../testing/library-fixture';
import {
  PLANTED_EDITS,
  burstFramePixels,
  photoLikePixels,
  rawImage,
  writeImage,
} from '../testing/photo-fixtures';
import { makeRawFixture } from '../testing/raw-fixtures';
import { folderTrashBin } from './trash-bin';
import { LAST_COPY_REASON } from './trash-guard';

/** "Never the last copy": one trash or move request may not take away every copy of a picture. */
describe('the last copy of a picture', () => {
  let work: string;
  let engine: DoppelEngine;
  let hashOf: Map<string, string>;

  const picture = (seed: number) => rawImage(photoLikePixels(seed)).jpeg({ quality: 92 });
  const identicalSet = async (name: string, seed: number, count: number): Promise<string[]> => {
    const paths = Array.from({ length: count }, (_, i) =>
      join(work, 'lib', name, `copy${i}`, `IMG_${seed}.jpg`),
    );
    await writeImage(paths[0]!, picture(seed));
    for (const path of paths.slice(1)) {
      await mkdir(join(path, '..'), { recursive: true });
      await copyFile(paths[0]!, path);
    }
    return paths;
  };
  const recompressed = async (name: string, seed: number): Promise<string> => {
    const path = join(work, 'lib', name, 'exports', `IMG_${seed}-small.jpg`);
    await writeImage(path, PLANTED_EDITS['recompressed.jpg']!(rawImage(photoLikePixels(seed))));
    return path;
  };
  const linkBetween = async (x: string, y: string) => {
    const [a, b] = [hashOf.get(x), hashOf.get(y)];
    return (await engine.duplicateGraph()).pairs.find(
      (pair) => (pair.a === a && pair.b === b) || (pair.a === b && pair.b === a),
    );
  };

  let identical: string[];
  let samePicture: [string, string];
  let toMove: string[];
  let similar: [string, string];
  let lone: string;
  let bulkIdentical: string[];
  let bulkSmaller: string;
  let twins: [string, string];

  beforeAll(async () => {
    work = await realpath(await mkdtemp(join(tmpdir(), 'doppel-last-copy-')));
    engine = await DoppelEngine.open({
      dataDir: join(work, 'data'),
      role: 'test',
      model: TINY_MODEL_DIR,
      trash: folderTrashBin(join(work, 'trash')),
    });
    identical = await identicalSet('identical', 101, 3);
    const [original] = await identicalSet('same', 202, 1);
    samePicture = [await recompressed('same', 202), original!];
    toMove = await identicalSet('move', 303, 2);
    similar = [join(work, 'lib', 'burst', 'frame0.jpg'), join(work, 'lib', 'burst', 'frame1.jpg')];
    for (const [frame, path] of similar.entries())
      await writeImage(path, rawImage(burstFramePixels(404, frame)).jpeg({ quality: 92 }));
    lone = (await identicalSet('lone', 505, 1))[0]!;
    bulkIdentical = await identicalSet('bulk', 606, 3);
    bulkSmaller = await recompressed('bulk', 606);
    // A camera's RAW + JPEG of one shot, the JPEG another rendering (no pixel pair links them, only the name).
    twins = [join(work, 'lib', 'camera', 'DSC_0707.NEF'), join(work, 'lib', 'camera', 'DSC_0707.JPG')];
    const nef = await makeRawFixture('nef', {
      width: 480,
      height: 320,
      orientation: 1,
      takenAt: '2023:03:04 05:06:07',
      pixels: photoLikePixels(707, 480, 320),
    });
    await writeImage(twins[1], rawImage(photoLikePixels(717, 480, 320), 480, 320).jpeg());
    await writeFile(twins[0], nef.bytes);
    await engine.indexFolders({ paths: [join(work, 'lib')] });
    hashOf = new Map((await engine.duplicateGraph()).photos.map((photo) => [photo.path, photo.hash]));
  }, 240_000);

  afterAll(async () => {
    await engine?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('refuses the last of a whole identical set in one trash, saying why, and trashes the others', async () => {
    const result = await engine.trash({ paths: identical });
    expect(result.failed).toEqual([{ path: identical[2], error: LAST_COPY_REASON }]);
    expect(result.trashed).toEqual(identical.slice(0, 2));
    expect(existsSync(identical[2]!)).toBe(true);
  });

  it('lets the last copy go on its own, once its copies went in an earlier action', async () => {
    expect((await engine.trash({ paths: [identical[2]!] })).trashed).toEqual([identical[2]]);
  });

  it('counts a stored same-picture pair as a copy: one of the two stays', async () => {
    expect((await linkBetween(...samePicture))?.samePicture).toBe(true);
    const result = await engine.trash({ paths: samePicture });
    expect(result.failed).toEqual([{ path: samePicture[1], error: LAST_COPY_REASON }]);
    expect(result.trashed).toEqual([samePicture[0]]);
  });

  it('counts a RAW and its JPEG twin as one shot: trashing both keeps the last, either alone may go', async () => {
    const result = await engine.trash({ paths: twins });
    expect(result.failed).toEqual([{ path: twins[1], error: LAST_COPY_REASON }]);
    expect(result.trashed).toEqual([twins[0]]);
    expect(existsSync(twins[1])).toBe(true);
    expect((await engine.trash({ paths: [twins[1]] })).trashed).toEqual([twins[1]]);
  });

  it('refuses the same in a move to a folder', async () => {
    const destination = join(work, 'archive');
    await mkdir(destination);
    const result = await engine.moveToFolder({ paths: toMove, destination });
    expect(result.moved).toEqual([{ path: toMove[0], to: join(destination, 'IMG_303.jpg') }]);
    expect(result.failed).toEqual([{ path: toMove[1], error: LAST_COPY_REASON }]);
    expect(existsSync(toMove[1]!)).toBe(true);
  });

  it('lets two similar shots (different pictures) both go, and a lone photo', async () => {
    const link = await linkBetween(...similar);
    expect(link?.samePicture).toBe(false);
    expect(link?.distance).not.toBeNull();
    expect(await engine.trash({ paths: [...similar, lone] })).toMatchObject({
      trashed: [...similar, lone],
      failed: [],
    });
  });

  it('never trips "trash all but the keeper": each copy set keeps its keeper', async () => {
    const groups = (await engine.duplicates({ kinds: ['identical', 'same-picture'] })).groups.filter(
      (group) => group.keeper.startsWith(join(work, 'lib', 'bulk')),
    );
    const others = groups.flatMap((group) =>
      group.copies.flatMap((set) => set.items.map((item) => item.path).filter((path) => path !== set.keeper)),
    );
    expect(new Set([...others, ...groups.map((g) => g.keeper)])).toEqual(
      new Set([...bulkIdentical, bulkSmaller]),
    );
    expect(others).toHaveLength(3);
    expect(await engine.trash({ paths: others })).toMatchObject({ trashed: others, failed: [] });
  });
});
