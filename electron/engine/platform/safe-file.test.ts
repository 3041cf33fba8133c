import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, stat, symlink, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegularFile, readOpenedFile, streamOpenedFile, UnsafeFileError } from './safe-file';

const posix = process.platform !== 'win32';

/** What a photo path may turn out to be when Doppel opens it: only a regular file is ever read. */
describe('openRegularFile', () => {
  let work: string;
  let library: string;
  let photo: string;

  beforeAll(async () => {
    work = await realpath(await mkdtemp(join(tmpdir(), 'doppel-safe-file-')));
    library = join(work, 'Photos');
    await mkdir(library);
    photo = join(library, 'photo.jpg');
    await writeFile(photo, Buffer.alloc(1000, 7));
    await mkdir(join(work, 'private'));
    await writeFile(join(work, 'private', 'passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
  });

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  const refusal = (path: string, options = {}) =>
    openRegularFile(path, options).then(
      async (file) => {
        await file.close();
        return 'opened';
      },
      (error: Error) =>
        error instanceof UnsafeFileError ? error.message : `${error.name}: ${error.message}`,
    );

  it('opens a regular file, and checks it against what the index recorded', async () => {
    const info = await stat(photo);
    const file = await openRegularFile(photo, { expect: { size: 1000, mtimeMs: Math.floor(info.mtimeMs) } });
    expect(file.size).toBe(1000);
    expect((await readOpenedFile(file, 10_000)).equals(Buffer.alloc(1000, 7))).toBe(true);
    expect(await file.readUnchanged()).toBe(true);
    await file.close();
    expect(await refusal(photo, { expect: { size: 999, mtimeMs: Math.floor(info.mtimeMs) } })).toBe(
      'changed since it was indexed',
    );
    expect(await refusal(photo, { expect: { size: 1000, mtimeMs: Math.floor(info.mtimeMs) - 1000 } })).toBe(
      'changed since it was indexed',
    );
  });

  it.runIf(posix)('refuses a link out of the library, and any link when no folder is given', async () => {
    const secret = join(library, 'secret.jpg');
    await symlink(join(work, 'private', 'passwd'), secret);
    expect(await refusal(secret, { linksWithin: library })).toBe(
      'a link to a file outside its library folder',
    );
    expect(await refusal(secret)).toBe('a link to another file, not a photo file');
    // A link to another photo of the same library is that photo.
    const alias = join(library, 'alias.jpg');
    await symlink(photo, alias);
    expect(await refusal(alias, { linksWithin: library })).toBe('opened');
  });

  it.runIf(process.platform === 'linux')(
    'refuses a FIFO at once instead of waiting for a writer',
    async () => {
      const fifo = join(library, 'fifo.jpg');
      execFileSync('mkfifo', [fifo]);
      const started = Date.now();
      // Several at once: blocking opens would take every thread of Node's pool and stall the next one.
      const answers = await Promise.all([1, 2, 3, 4, 5].map(() => refusal(fifo, { linksWithin: library })));
      expect(answers).toEqual(Array(5).fill('a pipe, not a photo file'));
      expect(Date.now() - started).toBeLessThan(5000);
    },
  );

  it.runIf(process.platform === 'linux')('refuses a link to /dev/zero as not a regular file', async () => {
    const zero = join(library, 'zero.jpg');
    await symlink('/dev/zero', zero);
    expect(await refusal(zero)).toBe('a link to another file, not a photo file');
    // Even allowed to follow links anywhere (the root as "library"), a device is not a photo.
    expect(await refusal(zero, { linksWithin: '/' })).toBe('a device, not a photo file');
  });

  it('streams a large file in chunks, never holding it whole, and caps whole reads', async () => {
    const large = join(work, 'large.jpg');
    await writeFile(large, Buffer.alloc(0));
    // Sparse: half a gigabyte that costs no disk.
    await truncate(large, 512 * 1024 * 1024);
    const file = await openRegularFile(large);
    await expect(readOpenedFile(file, 256 * 1024 * 1024)).rejects.toThrow('too large to open (over 256 MB)');
    const before = process.memoryUsage().rss;
    let peak = before;
    let total = 0;
    for await (const chunk of streamOpenedFile(file)) {
      total += (chunk as Buffer).length;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    expect(total).toBe(512 * 1024 * 1024);
    expect(peak - before).toBeLessThan(128 * 1024 * 1024);
  });

  it('ends a stream with an error when the file is cut short under it', async () => {
    const shrinking = join(work, 'shrinking.jpg');
    await writeFile(shrinking, Buffer.alloc(4 * 1024 * 1024, 1));
    const file = await openRegularFile(shrinking);
    await truncate(shrinking, 1024);
    const reading = (async () => {
      for await (const chunk of streamOpenedFile(file)) void chunk;
    })();
    await expect(reading).rejects.toThrow('cut short while being read');
  });

  it('tells a file swapped after opening from the one opened, off Linux', async () => {
    const swapped = join(work, 'swapped.jpg');
    await writeFile(swapped, Buffer.alloc(100, 1));
    const file = await openRegularFile(swapped);
    await rm(swapped);
    await writeFile(swapped, Buffer.alloc(200, 2));
    await utimes(swapped, new Date(0), new Date(0));
    // On Linux readers go through the descriptor, so what they read is the opened file whatever the path.
    expect(await file.readUnchanged()).toBe(process.platform === 'linux');
    await file.close();
  });
});
