import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuplicateGroup, SamePictureLevel } from '../../shared/contract/entities';
import { runCli } from './run-cli';
import { DoppelEngine } from '../engine/doppel-engine';
import { TINY_MODEL_DIR } from '../engine/testing/library-fixture';
import { pannedFramePixels, phoneScreenshot, rawImage, writeImage } from '../engine/testing/photo-fixtures';

/**
 * A library of a few scenes, each kept as an original and the copies people make of it, plus the frame the
 * camera took next to it while panning: indexed without a model and with the tiny test model.
 */
const SEEDS = [11, 23, 101];
const COPIES = ['resaved-q10.jpg', 'brightened.jpg', 'mirrored.jpg', 'screenshot.png'] as const;
/**
 * A greyscale copy is kept with its original only, in a scene of its own: it is the same picture as the
 * original but not as a re-toned, cropped or screenshot copy (its tones must hold, see same-picture-check.ts),
 * so complete linkage would rightly keep it out of their set.
 */
const GREYSCALE_SEED = 57_000;
/** The copies each level must take (the re-save at every level; the edits and re-shares from normal on). */
const TAKEN: Record<SamePictureLevel, readonly string[]> = {
  strict: ['resaved-q10.jpg'],
  normal: COPIES,
  loose: COPIES,
};

let work: string;
let root: string;
const dataDirs = { none: '', tiny: '' };

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'doppel-same-picture-'));
  root = join(work, 'Photos');
  for (const seed of SEEDS) {
    const scene = pannedFramePixels(seed, 0);
    const folder = join(root, `scene-${seed}`);
    await writeImage(join(folder, 'original.jpg'), rawImage(scene).jpeg({ quality: 92 }));
    await writeImage(join(folder, 'resaved-q10.jpg'), rawImage(scene).jpeg({ quality: 10 }));
    await writeImage(join(folder, 'brightened.jpg'), rawImage(scene).modulate({ brightness: 1.2 }).jpeg());
    await writeImage(join(folder, 'mirrored.jpg'), rawImage(scene).flop().jpeg({ quality: 85 }));
    await writeImage(join(folder, 'screenshot.png'), (await phoneScreenshot(rawImage(scene).png())).png());
    await writeImage(
      join(folder, 'panned.jpg'),
      rawImage(pannedFramePixels(seed, 0.1)).jpeg({ quality: 92 }),
    );
  }
  const blackAndWhite = join(root, 'black-and-white');
  await writeImage(
    join(blackAndWhite, 'original.jpg'),
    rawImage(pannedFramePixels(GREYSCALE_SEED, 0)).jpeg(),
  );
  await writeImage(
    join(blackAndWhite, 'greyscale.jpg'),
    rawImage(pannedFramePixels(GREYSCALE_SEED, 0)).greyscale().jpeg(),
  );
  for (const model of ['none', 'tiny'] as const) {
    dataDirs[model] = join(work, `data-${model}`);
    const engine = await DoppelEngine.open({
      dataDir: dataDirs[model],
      role: 'test',
      model: model === 'none' ? 'none' : TINY_MODEL_DIR,
    });
    try {
      const result = await engine.indexFolders({ paths: [root] });
      expect(result.errors).toEqual([]);
    } finally {
      await engine.close();
    }
  }
}, 600_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** Every copy set of every group (inside similar groups too), as sorted path lists. */
function copySets(groups: DuplicateGroup[]): string[][] {
  return groups
    .flatMap((group) => group.copies)
    .map((set) => set.items.map((item) => item.path).sort())
    .sort((x, y) => x[0]!.localeCompare(y[0]!));
}

async function duplicatesOf(model: 'none' | 'tiny', samePicture?: SamePictureLevel) {
  const engine = await DoppelEngine.open({
    dataDir: dataDirs[model],
    role: 'test',
    model: model === 'none' ? 'none' : TINY_MODEL_DIR,
  });
  try {
    return await engine.duplicates({ samePicture });
  } finally {
    await engine.close();
  }
}

describe('same-picture copies through the indexer', () => {
  it('without a model: each scene is one copy set at each level, never with its panned neighbour', async () => {
    for (const level of ['strict', 'normal', 'loose'] as const) {
      const answer = await duplicatesOf('none', level);
      expect(answer.samePicture).toBe(level);
      const expected = SEEDS.map((seed) =>
        ['original.jpg', ...TAKEN[level]].map((name) => join(root, `scene-${seed}`, name)).sort(),
      );
      if (level !== 'strict')
        expected.push(['greyscale.jpg', 'original.jpg'].map((name) => join(root, 'black-and-white', name)));
      expected.sort((x, y) => x[0]!.localeCompare(y[0]!));
      expect(copySets(answer.groups), level).toEqual(expected);
    }
    // The default is the normal level.
    expect(copySets((await duplicatesOf('none')).groups)).toEqual(
      copySets((await duplicatesOf('none', 'normal')).groups),
    );
  }, 300_000);

  it('finds at least as many same-picture copies without a model as with one', async () => {
    for (const level of ['strict', 'normal'] as const) {
      const withoutModel = copySets((await duplicatesOf('none', level)).groups);
      const withModel = copySets((await duplicatesOf('tiny', level)).groups);
      expect(withModel.length, level).toBeGreaterThan(0);
      // Every two photos one copy set holds with the model, one copy set holds without it.
      const setOf = new Map(withoutModel.flatMap((set, id) => set.map((path) => [path, id] as const)));
      for (const set of withModel)
        for (const path of set) expect(setOf.get(path), `${level}: ${path}`).toBe(setOf.get(set[0]!));
      const copies = (sets: string[][]) => sets.reduce((sum, set) => sum + set.length - 1, 0);
      expect(copies(withoutModel), level).toBeGreaterThanOrEqual(copies(withModel));
    }
  }, 300_000);

  it('doppel duplicates --same-picture groups at the level asked for and refuses an unknown one', async () => {
    let stdout = '';
    let stderr = '';
    const io = { stdout: (text: string) => (stdout += text), stderr: (text: string) => (stderr += text) };
    const args = ['duplicates', '--data-dir', dataDirs.none, '--model', 'none'];
    expect(await runCli([...args, '--same-picture', 'strict', '--json'], { ...io, interactive: false })).toBe(
      0,
    );
    const strict = JSON.parse(stdout) as { samePicture: string; groups: DuplicateGroup[] };
    expect(strict.samePicture).toBe('strict');
    expect(copySets(strict.groups).map((set) => set.length)).toEqual(SEEDS.map(() => 2));
    stdout = '';
    expect(await runCli([...args, '--same-picture', 'strict'], { ...io, interactive: false })).toBe(0);
    expect(stdout.split('\n')[0]).toContain('(same picture: strict)');
    expect(await runCli([...args, '--same-picture', 'exact'], { ...io, interactive: false })).toBe(2);
    expect(stderr).toBe(
      'doppel: --same-picture takes strict, normal or loose, not "exact". Run doppel --help for usage.\n',
    );
  }, 120_000);
});
