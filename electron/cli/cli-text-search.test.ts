import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeModelHub, type FakeModelHub } from '../engine/model/testing/fake-model-hub';
import { makeColourLibrary, type ColourLibrary } from '../engine/model/testing/colour-library';
import { runDoppel } from './testing/run-doppel';
import { TINY_MODEL_DIR } from '../engine/testing/library-fixture';
import { parseQueryTerm } from './cli-options';

describe('doppel search by words, and the first-run model download', () => {
  let work: string;
  let library: ColourLibrary;
  let hub: FakeModelHub;
  const repo = 'doppel-test/tiny-clip';

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-cli-text-'));
    library = await makeColourLibrary(join(work, 'Photos'));
    hub = await startFakeModelHub(TINY_MODEL_DIR, repo);
  });
  afterAll(async () => {
    await hub?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('downloads the model with a progress line, then ranks photos by words and by photo plus words', async () => {
    const common = ['--data-dir', join(work, 'data'), '--model', repo];
    const env = { DOPPEL_MODEL_HOST: hub.host };
    const index = await runDoppel(['index', library.root, '--json', ...common], env);
    expect(index.code).toBe(0);
    expect(index.stderr).toMatch(/Downloading the model \(first run only\): .* of .* \(100%\)/);
    expect(JSON.parse(index.stdout).indexed).toBe(10);

    const red = await runDoppel(['search', '--text', 'red', '--limit', '2', '--json', ...common], env);
    expect(red.code).toBe(0);
    const { results } = JSON.parse(red.stdout);
    expect(results.map((r: { path: string }) => r.path).sort()).toEqual([...library.byColour.red].sort());
    expect(results[0]).toMatchObject({ path: expect.any(String), distance: expect.any(Number) });
    // The text tower came down on first use, with its own progress line.
    expect(red.stderr).toMatch(/Downloading the model/);

    const combined = await runDoppel(
      [
        'search',
        library.neutral[0]!,
        '--plus',
        'blue:1.5',
        '--minus',
        'red:0.5',
        '--limit',
        '1',
        '--json',
        ...common,
      ],
      env,
    );
    expect(combined.code).toBe(0);
    expect(library.byColour.blue).toContain(JSON.parse(combined.stdout).results[0].path);

    // Offline from now on: the downloaded model keeps working.
    const offline = await runDoppel(['search', '--text', 'green', '--limit', '2', '--json', ...common], {
      DOPPEL_MODEL_HOST: 'http://127.0.0.1:9/',
    });
    expect(offline.code).toBe(0);
    expect(offline.stderr).toBe('');
  });

  it('offline with nothing downloaded: one line that says to use --model DIR', async () => {
    const run = await runDoppel(
      ['search', '--text', 'red', '--data-dir', join(work, 'empty-data'), '--model', repo],
      { DOPPEL_MODEL_HOST: 'http://127.0.0.1:9/' },
    );
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/Cannot download the model doppel-test\/tiny-clip .*--model DIR/);
  });

  it('checks its words: usage errors exit 2', async () => {
    const none = await runDoppel(['search', '--data-dir', join(work, 'data')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/search needs an image or --text/);
    const misplaced = await runDoppel(['status', '--text', 'red', '--data-dir', join(work, 'data')]);
    expect(misplaced.code).toBe(2);
    expect(parseQueryTerm('at night', '--plus')).toEqual({ text: 'at night', weight: 1 });
    expect(parseQueryTerm('at night:0.5', '--plus')).toEqual({ text: 'at night', weight: 0.5 });
    expect(() => parseQueryTerm('   ', '--plus')).toThrow(/needs some words/);
    expect(() => parseQueryTerm('sun:0', '--minus')).toThrow(/weight/);
  });
});
