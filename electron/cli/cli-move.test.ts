import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_MODEL_DIR } from '../engine/testing/library-fixture';
import { photoLikePixels, rawImage, writeImage } from '../engine/testing/photo-fixtures';
import { runDoppel } from './testing/run-doppel';

describe('doppel move', () => {
  let work: string;
  let common: string[];

  beforeAll(async () => {
    work = await realpath(await mkdtemp(join(tmpdir(), 'doppel-cli-move-')));
    common = ['--data-dir', join(work, 'data'), '--model', TINY_MODEL_DIR];
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('moves a copy out of the library into --to, and refuses a folder inside the library', async () => {
    const library = join(work, 'Photos');
    const original = join(library, 'IMG_1.jpg');
    await writeImage(original, rawImage(photoLikePixels(4242)).jpeg({ quality: 85 }));
    await mkdir(join(library, 'backup'));
    const copy = join(library, 'backup', 'IMG_1.jpg');
    await copyFile(original, copy);
    expect((await runDoppel(['index', library, ...common])).code).toBe(0);

    const refused = await runDoppel(['move', '--to', join(library, 'backup'), copy, ...common]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('would be duplicates again');
    expect(existsSync(copy)).toBe(true);

    const archive = join(work, 'Archive');
    await mkdir(archive);
    const moved = await runDoppel(['move', '--to', archive, copy, '--json', ...common]);
    expect(moved.code).toBe(0);
    expect(JSON.parse(moved.stdout)).toEqual({
      moved: [{ path: copy, to: join(archive, 'IMG_1.jpg') }],
      failed: [],
    });
    expect(existsSync(copy)).toBe(false);
    expect(existsSync(join(archive, 'IMG_1.jpg'))).toBe(true);

    // Not in the library any more: a second move says so and exits 1.
    const again = await runDoppel(['move', '--to', archive, copy, ...common]);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('not in the library');
  });

  it('is a usage error without --to or without photos', async () => {
    expect((await runDoppel(['move', join(work, 'a.jpg'), ...common])).code).toBe(2);
    expect((await runDoppel(['move', '--to', work, ...common])).code).toBe(2);
    expect((await runDoppel(['status', '--to', work, ...common])).code).toBe(2);
  });
});
