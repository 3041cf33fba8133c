import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DoppelEngine } from '../doppel-engine';
import { photoLikePixels, rawImage, writeImage } from '../testing/photo-fixtures';

const HEIC_FIXTURE = join(__dirname, '..', '..', '..', 'fixtures', 'formats', 'iphone-portrait.heic');

async function cachedFiles(dir: string): Promise<string[]> {
  const names: string[] = [];
  for (const shard of await readdir(dir).catch(() => [] as string[]))
    names.push(...(await readdir(join(dir, shard))));
  return names;
}

/** Thumbnails through a real engine (embedded ClickHouse, no model needed): the Settings folder and limit. */
describe('ThumbnailService with the engine’s settings', () => {
  let work: string;
  let engine: DoppelEngine;
  const photos: string[] = [];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-thumbservice-'));
    for (let seed = 1; seed <= 3; seed++) {
      const path = join(work, 'Photos', `p${seed}.jpg`);
      await writeImage(path, rawImage(photoLikePixels(seed * 101)).jpeg({ quality: 90 }));
      photos.push(path);
    }
    // An iPhone HEIC: sharp alone cannot read it, so thumbnails must go through the engine's photo opener.
    await mkdir(join(work, 'Photos', 'phone'), { recursive: true });
    await copyFile(HEIC_FIXTURE, join(work, 'Photos', 'phone', 'IMG_0001.HEIC'));
    engine = await DoppelEngine.open({ dataDir: join(work, 'data'), role: 'test', model: 'none' });
    await engine.indexFolders({ paths: [join(work, 'Photos')] });
  });

  afterAll(async () => {
    await engine?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('makes a JPEG no larger than the asked edge and caches it in the data folder by default', async () => {
    const thumb = await engine.media.thumbnail(photos[0]!, 128);
    const meta = await sharp(thumb!.body).metadata();
    expect(meta.format).toBe('jpeg');
    expect(Math.max(meta.width!, meta.height!)).toBe(128);
    expect(await cachedFiles(join(work, 'data', 'thumbnails'))).toHaveLength(1);
  });

  it('makes thumbnails and full-size views of HEIC photos too', async () => {
    const heic = join(work, 'Photos', 'phone', 'IMG_0001.HEIC');
    const thumb = await engine.media.thumbnail(heic, 128);
    expect((await sharp(thumb!.body).metadata()).format).toBe('jpeg');
    const full = await engine.media.fullImage(heic);
    expect(full!.contentType).toBe('image/jpeg');
    // Converted, so in memory (only originals are streamed).
    expect(Buffer.isBuffer(full!.body)).toBe(true);
    expect((await sharp(full!.body as Buffer).metadata()).width).toBeGreaterThan(0);
  });

  it('writes to the folder chosen in Settings from the next thumbnail on', async () => {
    const folder = join(work, 'elsewhere');
    const before = await cachedFiles(join(work, 'data', 'thumbnails'));
    await engine.updateSettings({ thumbnailCacheDir: folder, thumbnailCacheMaxMb: 1 });
    for (const photo of photos)
      expect((await engine.media.thumbnail(photo, 200))!.body.length).toBeGreaterThan(0);
    expect(await cachedFiles(folder)).toHaveLength(photos.length);
    expect(await cachedFiles(join(work, 'data', 'thumbnails'))).toEqual(before);
  });
});
