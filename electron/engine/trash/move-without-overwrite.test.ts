import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, realpath, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DestinationExistsError, moveWithoutOverwrite } from './move-without-overwrite';

/** tmpfs at /dev/shm is a second file system on most Linux boxes: the cross-device move needs one. */
const SHM = '/dev/shm';
const secondFileSystem =
  process.platform === 'linux' && existsSync(SHM) && statSync(SHM).dev !== statSync(tmpdir()).dev;

describe('moveWithoutOverwrite', () => {
  let work: string;
  beforeEach(async () => {
    work = await realpath(await mkdtemp(join(tmpdir(), 'doppel-move-file-')));
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('moves a file on one drive, keeping its time', async () => {
    const from = join(work, 'a.jpg');
    await writeFile(from, 'pixels');
    await utimes(from, new Date('2019-06-01T00:00:00Z'), new Date('2019-06-01T00:00:00Z'));
    await moveWithoutOverwrite(from, join(work, 'b.jpg'));
    expect(existsSync(from)).toBe(false);
    expect(await readFile(join(work, 'b.jpg'), 'utf8')).toBe('pixels');
    expect(statSync(join(work, 'b.jpg')).mtime.toISOString()).toBe('2019-06-01T00:00:00.000Z');
  });

  it('never replaces a file that is there: both stay as they were', async () => {
    const from = join(work, 'a.jpg');
    const to = join(work, 'b.jpg');
    await writeFile(from, 'moving');
    await writeFile(to, 'already there');
    await expect(moveWithoutOverwrite(from, to)).rejects.toBeInstanceOf(DestinationExistsError);
    expect(await readFile(from, 'utf8')).toBe('moving');
    expect(await readFile(to, 'utf8')).toBe('already there');
  });

  it.skipIf(!secondFileSystem)(
    'copies across drives, flushed and checked, then removes the original',
    async () => {
      const drive = await mkdtemp(join(SHM, 'doppel-move-file-'));
      try {
        const from = join(work, 'a.jpg');
        const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
        await writeFile(from, bytes);
        await utimes(from, new Date('2018-01-01T00:00:00Z'), new Date('2018-01-01T00:00:00Z'));
        const to = join(drive, 'a.jpg');
        await moveWithoutOverwrite(from, to);
        expect(existsSync(from)).toBe(false);
        expect((await readFile(to)).equals(bytes)).toBe(true);
        expect(statSync(to).mtime.toISOString()).toBe('2018-01-01T00:00:00.000Z');

        // A clash on the other drive: nothing is replaced, the original stays.
        await writeFile(from, 'second');
        await expect(moveWithoutOverwrite(from, to)).rejects.toBeInstanceOf(DestinationExistsError);
        expect(await readFile(from, 'utf8')).toBe('second');
        expect((await readFile(to)).equals(bytes)).toBe(true);
      } finally {
        await rm(drive, { recursive: true, force: true });
      }
    },
  );
});
