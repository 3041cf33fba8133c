import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ThumbnailCache } from './thumbnail-cache';

async function filesUnder(dir: string): Promise<string[]> {
  const names: string[] = [];
  for (const shard of await readdir(dir).catch(() => [] as string[]))
    for (const name of await readdir(join(dir, shard))) names.push(name);
  return names.sort();
}

/** A key shaped like the service's: sha256 hex of the photo, then the edge. */
const key = (start: string, edge = 256) => `${start.padEnd(64, '0')}-${edge}.jpg`;

describe('ThumbnailCache', () => {
  let work: string;
  let clock: number;
  const now = () => clock;
  const kb = (n: number) => Buffer.alloc(n * 1024, n);

  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-thumbs-'));
    clock = 1_700_000_000_000;
  });
  afterEach(() => rm(work, { recursive: true, force: true }));

  it('stores and returns thumbnails by key', async () => {
    const cache = new ThumbnailCache(
      () => work,
      () => 1024 * 1024,
      now,
    );
    await cache.put(key('abcd'), kb(3));
    expect(await cache.get(key('abcd'))).toEqual(kb(3));
    expect(await cache.get(key('ffff'))).toBeNull();
    expect(await filesUnder(work)).toEqual([key('abcd')]);
    expect((await stat(join(work, 'ab', key('abcd')))).size).toBe(3 * 1024);
  });

  it('evicts the least recently used files when over the limit, keeping the newest', async () => {
    const cache = new ThumbnailCache(
      () => work,
      () => 10 * 1024,
      now,
    );
    for (const name of ['aa1', 'bb2', 'cc3']) {
      clock += 1000;
      await cache.put(key(name), kb(3));
    }
    clock += 1000;
    await cache.get(key('aa1')); // used again: now bb2 is the least recently used
    clock += 1000;
    await cache.put(key('dd4'), kb(3)); // 12 KB > 10 KB: drop oldest until under 9 KB
    expect(await filesUnder(work)).toEqual([key('aa1'), key('cc3'), key('dd4')]);
    expect(await cache.size()).toBeLessThanOrEqual(10 * 1024);
  });

  it('remembers use order across restarts through file times', async () => {
    const first = new ThumbnailCache(
      () => work,
      () => 100 * 1024,
      now,
    );
    for (const name of ['aa1', 'bb2', 'cc3']) {
      clock += 60_000;
      await first.put(key(name), kb(4));
    }
    clock += 60_000;
    await first.get(key('aa1'));
    const second = new ThumbnailCache(
      () => work,
      () => 12 * 1024,
      now,
    );
    clock += 60_000;
    await second.put(key('dd4'), kb(4));
    expect(await filesUnder(work)).toEqual([key('aa1'), key('dd4')]);
  });

  it('follows a change of folder and limit made in Settings', async () => {
    let dir = join(work, 'one');
    let limit = 100 * 1024;
    const cache = new ThumbnailCache(
      () => dir,
      () => limit,
      now,
    );
    await cache.put(key('aa1'), kb(4));
    dir = join(work, 'two');
    await cache.put(key('bb2'), kb(4));
    expect(await filesUnder(join(work, 'one'))).toEqual([key('aa1')]);
    expect(await filesUnder(join(work, 'two'))).toEqual([key('bb2')]);
    limit = 6 * 1024;
    clock += 1000;
    await cache.put(key('cc3'), kb(4));
    expect(await filesUnder(join(work, 'two'))).toEqual([key('cc3')]);
  });

  it('never evicts the thumbnail it just wrote, even when it alone is over the limit', async () => {
    const cache = new ThumbnailCache(
      () => work,
      () => 1024,
      now,
    );
    await cache.put(key('aa1'), kb(2));
    expect(await cache.get(key('aa1'))).toEqual(kb(2));
  });

  it("never counts or deletes a user's files, even when pointed at a folder of photos", async () => {
    const userFiles = [
      join(work, '2019', 'IMG_0001.jpg'),
      join(work, '2020', 'IMG_0002.JPG'),
      join(work, 'ab', 'holiday.jpg'), // a two-letter folder of the user's
      join(work, 'cd', `${'cd'.padEnd(64, '1')}.jpg`), // hex-like, but not the cache's name
      join(work, 'notes.txt'),
    ];
    for (const [index, file] of userFiles.entries()) {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, kb(20 + index));
      await utimes(file, 1, 1); // older than any thumbnail: first in line if they were counted
    }
    const cache = new ThumbnailCache(
      () => work,
      () => 8 * 1024,
      now,
    );
    for (const name of ['aa1', 'bb2', 'cc3', 'dd4']) {
      clock += 1000;
      await cache.put(key(name), kb(3));
    }
    for (const file of userFiles) expect((await stat(file)).isFile()).toBe(true);
    expect(await cache.size()).toBeLessThanOrEqual(8 * 1024);
    await expect(cache.put('../../IMG_0001.jpg', kb(1))).rejects.toThrow(/not a thumbnail key/);
  });
});
