import { execFileSync } from 'node:child_process';
import {
  copyFile,
  mkdtemp,
  readFile,
  realpath,
  rm,
  stat,
  symlink,
  truncate,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DoppelEngine } from '../doppel-engine';
import { photoLikePixels, rawImage, writeImage } from '../testing/photo-fixtures';
import type { MediaResponse } from './thumbnail-service';

const linux = process.platform === 'linux';

async function bytesOf(media: MediaResponse): Promise<Buffer> {
  if (Buffer.isBuffer(media.body)) return media.body;
  const chunks: Buffer[] = [];
  for await (const chunk of media.body as Readable) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A photo swapped for something else after it was indexed (a link to a private file, a FIFO, /dev/zero,
 * other bytes) is not served, answers at once, and loses its row at the next index run. Real engine, no
 * model (decoding and the checks are what is under test).
 */
describe('media of files swapped after indexing', () => {
  let work: string;
  let library: string;
  let secret: string;
  let engine: DoppelEngine;
  const photo = (name: string) => join(library, name);

  beforeAll(async () => {
    work = await realpath(await mkdtemp(join(tmpdir(), 'doppel-swapped-')));
    library = join(work, 'Photos');
    for (const [index, name] of ['link.jpg', 'bytes.jpg', 'fifo.jpg', 'zero.jpg', 'kept.jpg'].entries())
      await writeImage(photo(name), rawImage(photoLikePixels(500 + index)).jpeg({ quality: 88 }));
    // An exact copy, so the photo swapped for a link has a pair to lose.
    await copyFile(photo('link.jpg'), photo('link copy.jpg'));
    // Another name for a photo of the library: a link inside it is that photo and is served.
    await symlink(photo('kept.jpg'), photo('alias.jpg'));
    secret = join(work, 'private', 'passwd');
    await writeImage(join(work, 'private', 'unused.jpg'), rawImage(photoLikePixels(1)).jpeg());
    await writeFile(secret, 'root:x:0:0:root:/root:/bin/bash\n'.repeat(100));
    engine = await DoppelEngine.open({ dataDir: join(work, 'data'), role: 'test', model: 'none' });
    const result = await engine.indexFolders({ paths: [library] });
    expect(result.errors).toEqual([]);
  }, 120_000);

  afterAll(async () => {
    await engine?.close();
    await rm(work, { recursive: true, force: true });
  });

  const served = async (path: string) => ({
    thumbnail: (await engine.media.thumbnail(path, 128)) !== null,
    fullImage: (await engine.media.fullImage(path).then((media) => media && bytesOf(media))) !== null,
  });
  const indexed = async () => new Set((await engine.status()).folders.length > 0 ? await pathsIndexed() : []);
  const pathsIndexed = async () => {
    const names = ['link.jpg', 'link copy.jpg', 'bytes.jpg', 'fifo.jpg', 'zero.jpg', 'kept.jpg', 'alias.jpg'];
    const paths: string[] = [];
    for (const name of names) if (await engine.isIndexed(photo(name))) paths.push(name);
    return paths;
  };

  it('serves indexed photos, the original bytes in full, and a link to another photo of the library', async () => {
    const full = await engine.media.fullImage(photo('kept.jpg'));
    expect(full!.contentType).toBe('image/jpeg');
    expect((await bytesOf(full!)).equals(await readFile(photo('kept.jpg')))).toBe(true);
    expect(await served(photo('alias.jpg'))).toEqual({ thumbnail: true, fullImage: true });
    const { groups } = await engine.duplicates({});
    expect(
      groups
        .find((g) => g.kind === 'identical')
        ?.items.map((i) => i.path)
        .sort(),
    ).toEqual([photo('link copy.jpg'), photo('link.jpg')].sort());
  });

  it('does not serve a photo replaced by a link to a private file, and drops it at the next run', async () => {
    // Once thumbnailed (cached), so the refusal is not just a missing thumbnail.
    expect(await served(photo('link.jpg'))).toEqual({ thumbnail: true, fullImage: true });
    const { mtime } = await stat(photo('link.jpg'));
    await rm(photo('link.jpg'));
    await symlink(secret, photo('link.jpg'));
    // Even dated like the photo it replaced.
    await utimes(secret, mtime, mtime);
    expect(await served(photo('link.jpg'))).toEqual({ thumbnail: false, fullImage: false });
  });

  it('does not serve a photo whose bytes changed since it was indexed', async () => {
    const other = join(work, 'other.jpg');
    await writeImage(other, rawImage(photoLikePixels(999), 320, 240).jpeg({ quality: 70 }));
    expect((await stat(other)).size).not.toBe((await stat(photo('bytes.jpg'))).size);
    await copyFile(other, photo('bytes.jpg'));
    expect(await served(photo('bytes.jpg'))).toEqual({ thumbnail: false, fullImage: false });
  });

  it.runIf(linux)(
    'answers at once, with nothing, for a photo replaced by a FIFO or a link to /dev/zero',
    async () => {
      await rm(photo('fifo.jpg'));
      execFileSync('mkfifo', [photo('fifo.jpg')]);
      await rm(photo('zero.jpg'));
      await symlink('/dev/zero', photo('zero.jpg'));
      const started = Date.now();
      const answers = await Promise.all(
        [1, 2, 3, 4].flatMap(() => [served(photo('fifo.jpg')), served(photo('zero.jpg'))]),
      );
      expect(answers).toEqual(Array(8).fill({ thumbnail: false, fullImage: false }));
      // And the engine still answers (blocked opens would hold every thread of Node's pool).
      expect((await engine.status()).folders).toHaveLength(1);
      expect(Date.now() - started).toBeLessThan(10_000);
    },
  );

  it('drops the rows of files it can no longer read at the next run, and their pairs', async () => {
    const started = Date.now();
    const result = await engine.indexFolders({ paths: [library] });
    expect(Date.now() - started).toBeLessThan(60_000);
    const errors = new Map(result.errors.map((e) => [e.path, e.error]));
    expect(errors.get(photo('link.jpg'))).toBe('a link to a file outside its library folder');
    // The scan passes over a FIFO and a device as not photos at all (prepare-photo.test.ts covers one
    // swapped in after the scan): either way no hang, and no row left behind.
    for (const name of ['fifo.jpg', 'zero.jpg'])
      expect([
        undefined,
        'a pipe, not a photo file',
        'a link to a file outside its library folder',
      ]).toContain(errors.get(photo(name)));
    // The changed photo was simply indexed again, with its new content.
    expect(errors.has(photo('bytes.jpg'))).toBe(false);
    expect(await served(photo('bytes.jpg'))).toEqual({ thumbnail: true, fullImage: true });
    const left = await indexed();
    expect(left.has('link.jpg')).toBe(false);
    expect(left.has('link copy.jpg')).toBe(true);
    if (linux) expect([left.has('fifo.jpg'), left.has('zero.jpg')]).toEqual([false, false]);
    const { groups } = await engine.duplicates({});
    expect(groups.filter((g) => g.items.some((i) => i.path === photo('link.jpg')))).toEqual([]);
  }, 120_000);

  it('streams a huge photo without reading it whole', async () => {
    const huge = photo('huge.jpg');
    await writeImage(huge, rawImage(photoLikePixels(77)).jpeg({ quality: 80 }));
    // Padded past its end with 600 MB of nothing (sparse: no disk): still a photo a decoder can read.
    await truncate(huge, 600 * 1024 * 1024);
    const result = await engine.indexFolders({ paths: [library] });
    expect(result.errors.map((e) => e.path)).not.toContain(huge);
    expect(await engine.isIndexed(huge)).toBe(true);
    const before = process.memoryUsage().rss;
    const full = await engine.media.fullImage(huge);
    expect(Buffer.isBuffer(full!.body)).toBe(false);
    expect(full!.length).toBe(600 * 1024 * 1024);
    let peak = before;
    let total = 0;
    for await (const chunk of full!.body as Readable) {
      total += (chunk as Buffer).length;
      if (total % (32 * 1024 * 1024) < (chunk as Buffer).length)
        peak = Math.max(peak, process.memoryUsage().rss);
    }
    expect(total).toBe(600 * 1024 * 1024);
    expect(peak - before).toBeLessThan(200 * 1024 * 1024);
    expect(await engine.media.thumbnail(huge, 128)).not.toBeNull();
  }, 180_000);
});
