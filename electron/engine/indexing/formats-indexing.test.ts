import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DoppelEngine } from '../doppel-engine';
import { decodePhoto } from '../image/decode-photo';
import { makeFormatLibrary, type FormatSample } from '../testing/format-library';
import { TINY_MODEL_DIR } from '../testing/library-fixture';

/** The format test set through the whole engine: real chdb, the tiny model, one file per format. */
describe('the format test set', () => {
  let work: string;
  let samples: FormatSample[];
  let engine: DoppelEngine;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-formats-'));
    samples = await makeFormatLibrary(join(work, 'Formats'));
    engine = await DoppelEngine.open({ dataDir: join(work, 'data'), role: 'test', model: TINY_MODEL_DIR });
  });

  afterAll(async () => {
    await engine?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('indexes every file with no errors and records a sane size and format for each', async () => {
    const result = await engine.indexFolders({ paths: [join(work, 'Formats')] });
    expect(result.errors).toEqual([]);
    expect(result.indexed).toBe(samples.length);
    const graph = await engine.search({ image: { path: samples[0]!.path }, limit: 100 });
    const byPath = new Map(graph.results.map((r) => [r.path, r.photo]));
    for (const sample of samples) {
      const photo = byPath.get(sample.path);
      expect(photo, basename(sample.path)).toBeDefined();
      expect([photo!.width, photo!.height, photo!.format], basename(sample.path)).toEqual([
        sample.width,
        sample.height,
        sample.format,
      ]);
    }
  });

  it('takes the first frame of an animation', async () => {
    for (const name of ['animated.gif', 'animated.webp']) {
      const decoded = await decodePhoto(join(work, 'Formats', name), 32);
      const [r, g, b] = decoded.rgb.subarray(0, 3);
      expect(r, name).toBeGreaterThan(180);
      expect(b, name).toBeLessThan(80);
      expect(g, name).toBeLessThan(80);
    }
  });

  it('flattens transparency onto white', async () => {
    for (const name of ['transparent.png', 'lossless-alpha.webp']) {
      const decoded = await decodePhoto(join(work, 'Formats', name), 48);
      expect([...decoded.rgb.subarray(0, 3)], name).toEqual([255, 255, 255]); // a transparent corner
    }
  });

  it('reads CMYK, greyscale and 16-bit files as ordinary 8-bit sRGB', async () => {
    for (const name of ['cmyk.jpg', 'greyscale.png', 'sixteen-bit.png', 'sixteen-bit.tif']) {
      const decoded = await decodePhoto(join(work, 'Formats', name), 48);
      expect(decoded.rgb.length, name).toBe(decoded.rgbWidth * decoded.rgbHeight * 3);
      expect(Math.min(decoded.rgbWidth, decoded.rgbHeight), name).toBe(48);
    }
  });
});
