import { cpSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineMethods } from '../../../shared/contract/methods';
import { DoppelEngine } from '../doppel-engine';
import { TINY_MODEL_DIR } from '../testing/library-fixture';
import { loadClipTextModel } from './clip-text-model';
import { resolveModelSource } from './model-source';
import { makeColourLibrary, type Colour, type ColourLibrary } from './testing/colour-library';

/** Search by words end to end: the tiny model's colour words embed where solid colours do. */
describe('search by words', () => {
  let work: string;
  let library: ColourLibrary;
  let engine: DoppelEngine;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-text-'));
    library = await makeColourLibrary(join(work, 'Photos'));
    engine = await DoppelEngine.open({ dataDir: join(work, 'data'), role: 'test', model: TINY_MODEL_DIR });
    await engine.indexFolders({ paths: [library.root] });
  });
  afterAll(async () => {
    await engine?.close();
    await rm(work, { recursive: true, force: true });
  });

  const paths = (results: { path: string }[]) => results.map((result) => result.path);

  it.each(['red', 'green', 'blue'] as Colour[])('ranks the %s photos first for "%s"', async (colour) => {
    const { results } = await engine.search({ text: colour, limit: 50 });
    expect(results).toHaveLength(10);
    expect(paths(results).slice(0, 2).sort()).toEqual([...library.byColour[colour]].sort());
    for (let i = 1; i < results.length; i++)
      expect(results[i]!.distance).toBeGreaterThanOrEqual(results[i - 1]!.distance);
  });

  it('reads a whole phrase, not only a bare colour word', async () => {
    const { results } = await engine.search({ text: 'a red photo at the beach', limit: 2 });
    expect(paths(results).sort()).toEqual([...library.byColour.red].sort());
  });

  it('moves a photo query toward added words and away from taken ones', async () => {
    const image = { path: library.neutral[0]! };
    const rank = (results: { path: string }[], colour: Colour) =>
      Math.min(...library.byColour[colour].map((path) => paths(results).indexOf(path)));
    const alone = (await engine.search({ image, limit: 50 })).results;
    expect(alone[0]!.path).toBe(library.neutral[0]);
    const plusGreen = (await engine.search({ image, plus: [{ text: 'green' }], limit: 50 })).results;
    expect(rank(plusGreen, 'green')).toBeLessThan(rank(alone, 'green'));
    expect(rank(plusGreen, 'green')).toBe(0);
    const weighted = (await engine.search({ image, plus: [{ text: 'green', weight: 0.2 }], limit: 50 }))
      .results;
    expect(weighted[0]!.path).toBe(library.neutral[0]);
    const minusGreen = (await engine.search({ image, minus: [{ text: 'green' }], limit: 50 })).results;
    expect(rank(minusGreen, 'green')).toBeGreaterThanOrEqual(rank(alone, 'green'));
    expect(paths(minusGreen).slice(-2).sort()).toEqual([...library.byColour.green].sort());
  });

  it('validates that a search has a photo or words', () => {
    const request = engineMethods.search.request;
    expect(request.safeParse({}).success).toBe(false);
    expect(request.safeParse({ minus: [{ text: 'sun' }] }).success).toBe(false);
    expect(request.safeParse({ text: '   ' }).success).toBe(false);
    expect(request.safeParse({ text: 'red' }).success).toBe(true);
    expect(
      request.safeParse({ image: { path: '/a.jpg' }, plus: [{ text: 'night', weight: 2 }] }).success,
    ).toBe(true);
  });

  it('says clearly when the model has no text part', async () => {
    const visionOnly = join(work, 'vision-only');
    cpSync(TINY_MODEL_DIR, visionOnly, { recursive: true });
    rmSync(join(visionOnly, 'onnx', 'text_model.onnx'));
    const source = resolveModelSource(visionOnly);
    await expect(loadClipTextModel({ source, cacheDir: join(work, 'models') })).rejects.toThrow(
      /has no text part.*cannot search by words/,
    );
  });
});
