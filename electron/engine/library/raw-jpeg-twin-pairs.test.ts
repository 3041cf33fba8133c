import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DoppelEngine } from '../doppel-engine';
import { TINY_MODEL_DIR } from '../testing/library-fixture';
import { photoLikePixels, rawImage, writeImage } from '../testing/photo-fixtures';
import { makeRawFixture } from '../testing/raw-fixtures';

/** RAW+JPEG twins end to end: structural RAW fixtures and sharp JPEGs, real chdb, the tiny model. */
describe('RAW+JPEG twins in the duplicate graph', () => {
  let work: string;
  let engine: DoppelEngine;
  const dcim = () => join(work, 'Photos', 'DCIM');

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-twins-'));
    await mkdir(dcim(), { recursive: true });
    const shoot = async (rawName: string, jpegName: string | null, seed: number, jpegPixels = seed) => {
      const pixels = photoLikePixels(seed, 480, 320);
      const raw = await makeRawFixture('nef', {
        width: 480,
        height: 320,
        orientation: 1,
        takenAt: '2023:03:04 05:06:07',
        pixels,
      });
      await writeFile(join(dcim(), rawName), raw.bytes);
      if (jpegName)
        await writeImage(
          join(dcim(), jpegName),
          rawImage(photoLikePixels(jpegPixels, 480, 320), 480, 320).jpeg(),
        );
    };
    await shoot('DSC_0001.NEF', 'DSC_0001.JPG', 1);
    await shoot('dsc_0002.nef', 'DSC_0002.jpg', 2);
    // The camera's JPEG looks different (a monochrome picture style, here another scene): still its twin.
    await shoot('DSC_0003.NEF', 'DSC_0003.JPG', 3, 33);
    await shoot('DSC_0004.NEF', null, 4); // RAW only
    engine = await DoppelEngine.open({ dataDir: join(work, 'data'), role: 'test', model: TINY_MODEL_DIR });
    const result = await engine.indexFolders({ paths: [join(work, 'Photos')] });
    expect(result.errors).toEqual([]);
  });

  afterAll(async () => {
    await engine?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('groups each RAW with its JPEG twin as raw+jpeg, the RAW as keeper, at any threshold', async () => {
    for (const maxDistance of [0, undefined]) {
      const { groups } = await engine.duplicates({ maxDistance });
      const twins = groups.filter((group) => group.kind === 'raw+jpeg');
      expect(twins.map((group) => group.items.map((item) => item.path).sort()).sort()).toEqual([
        [join(dcim(), 'DSC_0001.JPG'), join(dcim(), 'DSC_0001.NEF')],
        [join(dcim(), 'DSC_0002.jpg'), join(dcim(), 'dsc_0002.nef')],
        [join(dcim(), 'DSC_0003.JPG'), join(dcim(), 'DSC_0003.NEF')],
      ]);
      for (const group of twins) expect(group.keeper).toMatch(/\.nef$/i);
      expect(groups.some((group) => group.items.some((item) => item.path.endsWith('DSC_0004.NEF')))).toBe(
        false,
      );
    }
  });

  it('marks twin pairs in the graph the UI regroups from', async () => {
    const graph = await engine.duplicateGraph();
    expect(graph.pairs.filter((pair) => pair.rawJpeg)).toHaveLength(3);
    const kinds = await engine.duplicates({ kinds: ['raw+jpeg'] });
    expect(kinds.groups).toHaveLength(3);
  });
});
