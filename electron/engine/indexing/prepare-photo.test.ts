import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoLikePixels, rawImage, writeImage } from '../testing/photo-fixtures';
import { preparePhoto } from './prepare-photo';

/**
 * A file the scan saw as a photo can be something else by the time it is read (swapped for a FIFO, a link
 * to a device): it fails at once with a clear error instead of hanging the run.
 */
describe.runIf(process.platform === 'linux')('preparePhoto of a file swapped after the scan', () => {
  let work: string;
  let library: string;

  beforeAll(async () => {
    work = await realpath(await mkdtemp(join(tmpdir(), 'doppel-prepare-')));
    library = join(work, 'Photos');
    await mkdir(library);
  });

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  const scanned = (name: string) => ({ path: join(library, name), folder: library, size: 4096, mtimeMs: 0 });

  it('reads a photo', async () => {
    await writeImage(join(library, 'ok.jpg'), rawImage(photoLikePixels(3)).jpeg());
    const result = await preparePhoto(scanned('ok.jpg'), null, null);
    expect(result.ok).toBe(true);
  });

  it('fails at once for a FIFO, whoever else is waiting on it', async () => {
    execFileSync('mkfifo', [join(library, 'fifo.jpg')]);
    const started = Date.now();
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map(() => preparePhoto(scanned('fifo.jpg'), null, null)),
    );
    expect(results).toEqual(
      Array(5).fill({ ok: false, path: join(library, 'fifo.jpg'), error: 'a pipe, not a photo file' }),
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('fails at once, reading nothing, for a link to /dev/zero', async () => {
    await symlink('/dev/zero', join(library, 'zero.jpg'));
    const before = process.memoryUsage().rss;
    const result = await preparePhoto(scanned('zero.jpg'), null, null);
    expect(result).toEqual({
      ok: false,
      path: join(library, 'zero.jpg'),
      error: 'a link to a file outside its library folder',
    });
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });
});
