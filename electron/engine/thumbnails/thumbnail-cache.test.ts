import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ThumbnailCache } from './thumbnail-cache';

async function filesUnder(dir: string): Promise<string[]> {
  const names: string[] = [];
  for (const shard of await readdir(dir).catch(() => [] as string[]))
    for (const name of await readdir(join(dir, shard))) names.push(name);
  return names.sort();
}

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
    await cache.put('abcd-256.jpg', kb(3));
    expect(await cache.get('abcd-256.jpg')).toEqual(kb(3));
    expect(await cache.get('ffff-256.jpg')).toBeNull();
    expect(await filesUnder(work)).toEqual(['abcd-256.jpg']);
    expect((await stat(join(work, 'ab', 'abcd-256.jpg'))).size).toBe(3 * 1024);
  });

  it('evicts the least recently used files when over the limit, keeping the newest', async () => {
    const cache = new ThumbnailCache(
      () => work,
      () => 10 * 1024,
      now,
    );
    for (const key of ['aa1', 'bb2', 'cc3']) {
      clock += 1000;
      await cache.put(`${key}.jpg`, kb(3));
    }
    clock += 1000;
    await cache.get('aa1.jpg'); // used again: now bb2 is the least recently used
    clock += 1000;
    await cache.put('dd4.jpg', kb(3)); // 12 KB > 10 KB: drop oldest until under 9 KB
    expect(await filesUnder(work)).toEqual(['aa1.jpg', 'cc3.jpg', 'dd4.jpg']);
    expect(await cache.size()).toBeLessThanOrEqual(10 * 1024);
  });

  it('remembers use order across restarts through file times', async () => {
    const first = new ThumbnailCache(
      () => work,
      () => 100 * 1024,
      now,
    );
    for (const key of ['aa1', 'bb2', 'cc3']) {
      clock += 60_000;
      await first.put(`${key}.jpg`, kb(4));
    }
    clock += 60_000;
    await first.get('aa1.jpg');
    const second = new ThumbnailCache(
      () => work,
      () => 12 * 1024,
      now,
    );
    clock += 60_000;
    await second.put('dd4.jpg', kb(4));
    expect(await filesUnder(work)).toEqual(['aa1.jpg', 'dd4.jpg']);
  });

  it('follows a change of folder and limit made in Settings', async () => {
    let dir = join(work, 'one');
    let limit = 100 * 1024;
    const cache = new ThumbnailCache(
      () => dir,
      () => limit,
      now,
    );
    await cache.put('aa1.jpg', kb(4));
    dir = join(work, 'two');
    await cache.put('bb2.jpg', kb(4));
    expect(await filesUnder(join(work, 'one'))).toEqual(['aa1.jpg']);
    expect(await filesUnder(join(work, 'two'))).toEqual(['bb2.jpg']);
    limit = 6 * 1024;
    clock += 1000;
    await cache.put('cc3.jpg', kb(4));
    expect(await filesUnder(join(work, 'two'))).toEqual(['cc3.jpg']);
  });

  it('never evicts the thumbnail it just wrote, even when it alone is over the limit', async () => {
    const cache = new ThumbnailCache(
      () => work,
      () => 1024,
      now,
    );
    await cache.put('aa1.jpg', kb(2));
    expect(await cache.get('aa1.jpg')).toEqual(kb(2));
  });
});
