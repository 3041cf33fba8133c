import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegularFile, type OpenedFile } from '../platform/safe-file';
import { sharp } from './uncached-sharp';
import { photoLikePixels, rawImage, writeImage } from '../testing/photo-fixtures';
import { decodePhoto, describeDecodeFailure } from './decode-photo';

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

  // sharp.cache(false) only caps libvips' operation cache: an operation still in use when the cache is
  // trimmed stays in it, and the next lookup comes before the next trim. Under load (decodes of one batch
  // overlapping, onnxruntime busy) a photo opened under a just-freed descriptor number found the previous
  // photo's decode there (the kill test's "photo 88 reencoded.webp" stored photo 52's pixels and vector).
  // A cache left on stands for that window: the decode must not depend on the cache being empty.
  it.runIf(process.platform === 'linux')(
    'decodes each photo as itself even while libvips still holds a decode under the same descriptor name',
    async () => {
      sharp.cache({ memory: 50, files: 20, items: 100 });
      try {
        const [first, second] = paths as [string, string];
        const opened = await openRegularFile(first);
        const freed = opened.handle.fd;
        try {
          await decodePhoto(opened, 64);
        } finally {
          await opened.close();
        }
        const reopened = await openAt(freed, second);
        try {
          expect(reopened.readPath).toBe(`/proc/self/fd/${freed}`);
          const decoded = await decodePhoto(reopened, 64);
          const fromBytes = await decodePhoto(await readFile(second), 64);
          expect(decoded.rgb.equals(fromBytes.rgb)).toBe(true);
        } finally {
          await reopened.close();
        }
      } finally {
        sharp.cache(false);
      }
    },
  );
});

/** Open `path` under descriptor number `fd` (free): every lower free number is taken meanwhile. */
async function openAt(fd: number, path: string): Promise<OpenedFile> {
  const fillers = [];
  try {
    for (;;) {
      const filler = await open('/dev/null');
      if (filler.fd === fd) {
        await filler.close();
        return await openRegularFile(path);
      }
      fillers.push(filler);
      if (filler.fd > fd) throw new Error(`descriptor ${fd} is taken`);
    }
  } finally {
    await Promise.all(fillers.map((filler) => filler.close()));
  }
}

describe('describeDecodeFailure', () => {
  // sharp says "Unknown error" when libvips lost its reason (one error buffer for all its threads).
  it('words a failure the decoder gave no reason for, instead of passing on "Unknown error"', () => {
    for (const message of ['Unknown error', '', '  '])
      expect(describeDecodeFailure(new Error(message))).toMatch(/^damaged, truncated, or not an image/);
  });

  it('keeps the reason libvips gave for a damaged file', () => {
    expect(describeDecodeFailure(new Error('VipsJpeg: premature end of JPEG image'))).toBe(
      'damaged or truncated image (VipsJpeg: premature end of JPEG image)',
    );
  });
});
