import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegularFile } from '../platform/safe-file';
import { photoLikePixels, rawImage, writeImage } from '../testing/photo-fixtures';
import { decodePhoto } from './decode-photo';

describe('decodePhoto of opened files', () => {
  let dir: string;
  const paths: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'doppel-decode-'));
    // Same format and size: what differs is only the pixels, as between two edited copies in one folder.
    for (let seed = 1; seed <= 4; seed++) {
      const path = join(dir, `${seed}-reencoded.webp`);
      await writeImage(path, rawImage(photoLikePixels(seed * 7919)).webp({ quality: 70 }));
      paths.push(path);
    }
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('decodes each photo as itself when the next photo opened gets the same descriptor number', async () => {
    const readPaths: string[] = [];
    for (const path of paths) {
      const file = await openRegularFile(path);
      let decoded;
      try {
        readPaths.push(file.readPath);
        decoded = await decodePhoto(file, 64);
      } finally {
        await file.close();
      }
      const fromBytes = await decodePhoto(await readFile(path), 64);
      expect(decoded.rgb.equals(fromBytes.rgb), path).toBe(true);
    }
    // On Linux the photos are read through /proc/self/fd/N: a closed descriptor's number is handed out again,
    // which is the case this test is about (libvips cached decodes by that name).
    if (process.platform === 'linux') expect(new Set(readPaths).size).toBeLessThan(readPaths.length);
  });
});
