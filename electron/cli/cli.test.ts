import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_ENTRY, runDoppel } from './testing/run-doppel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePlantedLibrary, TINY_MODEL_DIR, type PlantedLibrary } from '../engine/testing/library-fixture';
import { photoLikePixels, rawImage, writeImage } from '../engine/testing/photo-fixtures';

describe('doppel CLI', () => {
  let work: string;
  let library: PlantedLibrary;
  let common: string[];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-cli-'));
    library = await makePlantedLibrary(join(work, 'Photos'), 3);
    common = ['--data-dir', join(work, 'data'), '--model', TINY_MODEL_DIR];
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('keeps the JSON contract of index, duplicates, search and status', async () => {
    const index = await runDoppel(['index', library.root, '--json', ...common]);
    expect(index.code).toBe(0);
    const indexed = JSON.parse(index.stdout);
    expect(indexed).toMatchObject({ indexed: expect.any(Number), skipped: 0, removed: 0 });
    expect(indexed.errors).toHaveLength(library.bad.length);
    expect(indexed.errors[0]).toEqual({ path: expect.stringMatching(/^\//), error: expect.any(String) });

    const duplicates = JSON.parse((await runDoppel(['duplicates', '--json', ...common])).stdout);
    expect(duplicates.maxDistance).toEqual(expect.any(Number));
    const samePicture = duplicates.groups.filter((g: { kind: string }) => g.kind === 'same-picture');
    expect(samePicture).toHaveLength(library.families.length);
    for (const group of duplicates.groups) {
      expect(group.items.map((i: { path: string }) => i.path)).toContain(group.keeper);
      for (const item of group.items)
        expect(item).toMatchObject({ path: expect.any(String), distance: expect.any(Number) });
    }

    const query = join(work, 'query.jpg');
    await writeImage(query, rawImage(photoLikePixels(7919)).jpeg({ quality: 50 }));
    const search = JSON.parse(
      (await runDoppel(['search', query, '--limit', '4', '--json', ...common])).stdout,
    );
    expect(search.results).toHaveLength(4);
    expect(search.results[0].path).toBe(library.families[0]!.original);

    const status = JSON.parse((await runDoppel(['status', '--json', ...common])).stdout);
    expect(status).toMatchObject({ images: indexed.indexed, storage: 'embedded', model: TINY_MODEL_DIR });
  });

  it('exits 2 with a one-line hint on usage errors, 1 on failures', async () => {
    const usage = await runDoppel(['search', '--limit', 'many', ...common]);
    expect(usage.code).toBe(2);
    expect(usage.stderr.trim().split('\n')).toHaveLength(1);
    expect(usage.stderr).toMatch(/--limit/);
    const unknown = await runDoppel(['frobnicate', ...common]);
    expect(unknown.code).toBe(2);
    const missing = await runDoppel(['index', join(work, 'nowhere'), ...common]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nowhere not found — is the drive connected\?/);
  });

  it('says plainly when a ClickHouse server cannot be reached', async () => {
    const down = await runDoppel([
      'status',
      '--data-dir',
      join(work, 'server-data'),
      '--clickhouse-url',
      'http://127.0.0.1:9',
    ]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/Cannot reach the ClickHouse server at http:\/\/127\.0\.0\.1:9/);
  });

  it('survives kill -9 mid-index: the next run ends with exactly one row per file', async () => {
    const big = join(work, 'Big');
    for (let i = 0; i < 120; i++) {
      await writeImage(
        join(big, `p${i}.jpg`),
        rawImage(photoLikePixels(10_000 + i), 640, 480).jpeg({ quality: 85 }),
      );
    }
    const dataDir = join(work, 'kill-data');
    const args = ['index', big, '--data-dir', dataDir, '--model', TINY_MODEL_DIR];
    await new Promise<void>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', CLI_ENTRY, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stderr.on('data', (chunk: Buffer) => {
        const done = /(\d+)\/120/.exec(chunk.toString());
        if (done && Number(done[1]) > 0) child.kill('SIGKILL');
      });
      child.on('close', () => resolve());
    });
    const resumed = JSON.parse((await runDoppel([...args, '--json'])).stdout);
    expect(resumed.indexed).toBeGreaterThan(0);
    expect(resumed.indexed + resumed.skipped).toBe(120);
    const status = JSON.parse(
      (await runDoppel(['status', '--json', '--data-dir', dataDir, '--model', TINY_MODEL_DIR])).stdout,
    );
    expect(status.images).toBe(120);
  }, 240_000); // 120 photos indexed twice by real processes, beside other suites on two cores
});
