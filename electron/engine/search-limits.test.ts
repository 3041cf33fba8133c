import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoppelEngine } from './doppel-engine';
import { openTestEngine } from './testing/test-engine';
import { pngHeaderOnly } from './testing/library-fixture';
import { storageTargets } from './testing/storage-targets';
import { photoLikePixels, rawImage, writeImage } from './testing/photo-fixtures';
import { UserError } from './user-error';

/** A GIF of a few dozen bytes that claims a size: decoded whole, 10,900 x 10,900 holds 475 MB. */
function gifHeaderOnly(width: number, height: number): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt16LE(width, 0);
  size.writeUInt16LE(height, 2);
  return Buffer.concat([
    Buffer.from('GIF89a', 'ascii'),
    size,
    Buffer.from([0x80, 0, 0]), // a global colour table of 2 colours
    Buffer.from([0, 0, 0, 255, 255, 255]),
    Buffer.from([0x2c, 0, 0, 0, 0]), // an image at (0, 0)...
    size, // ...as large as the screen
    Buffer.from([0, 2, 2, 0x4c, 0x01, 0, 0x3b]),
  ]);
}

/**
 * What a search may cost: query photos decoded at full size are capped far below library photos, and a
 * burst of searches queues (and past the queue is refused) instead of decoding them all at once.
 */
describe.each(storageTargets())('search limits ($name)', (storage) => {
  let work: string;
  let engine: DoppelEngine;
  let query: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-search-limits-'));
    query = join(work, 'query.jpg');
    await writeImage(query, rawImage(photoLikePixels(3)).jpeg({ quality: 90 }));
    await writeImage(join(work, 'Photos', 'a.jpg'), rawImage(photoLikePixels(4)).jpeg({ quality: 90 }));
    engine = await openTestEngine(work, { storage });
    await engine.indexFolders({ paths: [join(work, 'Photos')] });
  });

  afterAll(async () => {
    await engine?.close();
    await rm(work, { recursive: true, force: true });
  });

  it.each([
    [
      'GIF',
      'bomb.gif',
      gifHeaderOnly(10_900, 10_900),
      /it is 10900 x 10900 \(119 megapixels\); a GIF query photo/,
    ],
    [
      'PNG',
      'bomb.png',
      pngHeaderOnly(10_000, 8_000),
      /it is 10000 x 8000 \(80 megapixels\); a PNG query photo/,
    ],
  ])(
    'refuses a %s query photo over 50 megapixels from its header, in words',
    async (_format, name, bytes, detail) => {
      const bomb = join(work, name);
      await writeFile(bomb, bytes);
      const error = await engine.search({ image: { path: bomb } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect(error).toMatchObject({ code: 'bad-image' });
      expect((error as Error).message).toMatch(/^Cannot read the query photo: /);
      expect((error as Error).message).toMatch(detail);
      expect((error as Error).message).toMatch(
        /at most 50 megapixels\. Search with a JPEG or a smaller copy of it\.$/,
      );
    },
  );

  it('still searches with a JPEG over 50 megapixels, which decodes at a fraction of its size', async () => {
    const large = join(work, 'large.jpg');
    await sharp({ create: { width: 8_000, height: 7_000, channels: 3, background: '#7a8b9c' } })
      .jpeg()
      .toFile(large);
    const { results } = await engine.search({ image: { path: large }, limit: 1 });
    expect(results).toHaveLength(1);
  });

  it('refuses a query that is not a regular file (a folder, a FIFO) instead of waiting on it, or is not there', async () => {
    const candidates = [work];
    if (process.platform !== 'win32') {
      const fifo = join(work, 'pipe.jpg');
      execFileSync('mkfifo', [fifo]); // opening it to read would wait for a writer forever
      candidates.push(fifo);
    }
    await expect(engine.search({ image: { path: join(work, 'gone.jpg') } })).rejects.toThrow(
      'Cannot read the query photo: the file does not exist',
    );
    for (const path of candidates)
      await expect(engine.search({ image: { path } }), path).rejects.toThrow(
        /^Cannot read the query photo: (a folder|a FIFO|.*pipe).*, not a photo file/,
      );
  });

  it('runs two searches at once, queues a few more and turns the rest away', async () => {
    const searches = Array.from({ length: 2 + 16 + 3 }, () =>
      engine.search({ image: { path: query }, limit: 1 }),
    );
    const outcomes = await Promise.allSettled(searches);
    const done = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(done).toHaveLength(18);
    expect(refused).toHaveLength(3);
    for (const outcome of refused)
      expect(outcome.reason).toMatchObject({
        code: 'busy',
        message: 'Doppel is busy with other searches: try again in a moment.',
      });
    // Once the burst is over there is room again.
    expect((await engine.search({ image: { path: query }, limit: 1 })).results).toHaveLength(1);
  });
});
