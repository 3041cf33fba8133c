import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TrashLog, type LoggedFile } from './trash-log';

const entry = (original: string): LoggedFile => ({
  original,
  trashedPath: `/trash/${original}`,
  size: 1,
  mtimeMs: 1,
  dev: 1,
  ino: 1,
  ctimeMs: 1,
});

describe('TrashLog', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'doppel-trash-log-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is this user’s only, and forgets actions older than 30 days and beyond the last 200', async () => {
    let now = Date.UTC(2026, 0, 1);
    const log = new TrashLog(dir, () => now);
    const old = log.add([entry('old.jpg')]);
    now += 31 * 24 * 60 * 60 * 1000;
    const ids = Array.from({ length: 201 }, (_, i) => log.add([entry(`${i}.jpg`)]));
    expect(log.find(old)).toBeUndefined();
    expect(log.find(ids[0]!)).toBeUndefined();
    expect(new TrashLog(dir).find(ids[200]!)?.files).toEqual([entry('200.jpg')]);
    expect((await stat(join(dir, 'trash-log.json'))).mode & 0o077).toBe(0);
  });

  it('keeps at most 50,000 files in all, dropping the oldest actions first', () => {
    const log = new TrashLog(dir);
    const batch = (tag: string) => Array.from({ length: 10_000 }, (_, i) => entry(`${tag}-${i}.jpg`));
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'].map((tag) => log.add(batch(tag)));
    expect(log.find(ids[0]!)).toBeUndefined();
    expect(log.find(ids[1]!)).toBeDefined();
    expect(log.find(ids[5]!)).toBeDefined();
  });
});
