import { mkdtemp, realpath, rename, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DoppelEngine } from '../doppel-engine';
import { TINY_MODEL_DIR } from '../testing/library-fixture';
import { photoLikePixels, rawImage, writeImage } from '../testing/photo-fixtures';
import type { ScannedFile } from './scan-folders';
import { vanishedFiles } from './vanished-files';
import { unreadableFolders as unreadable } from '../testing/unreadable-folders';

// A listing that fails with EACCES even as root (see testing/unreadable-folders.ts).
vi.mock('node:fs/promises', async (importOriginal) =>
  (await import('../testing/unreadable-folders.js')).withUnreadableReaddir(await importOriginal()),
);

const file = (path: string): ScannedFile => ({ path, folder: '/lib', size: 1, mtimeMs: 1 });

describe('vanishedFiles', () => {
  it('drops what the scan could see is gone, nothing under an unreadable folder', () => {
    const { vanished, errors } = vanishedFiles(
      ['/lib/a.jpg', '/lib/gone.jpg', '/lib/locked/b.jpg', '/lib/locked-not/c.jpg'],
      [file('/lib/a.jpg')],
      ['/lib'],
      ['/lib/locked'],
    );
    expect(vanished).toEqual(['/lib/gone.jpg', '/lib/locked-not/c.jpg']);
    expect(errors).toEqual([]);
  });

  it('keeps everything under a library folder that yields no photo at all, and says why', () => {
    const { vanished, errors } = vanishedFiles(
      ['/card/a.jpg', '/home/b.jpg', '/home/c.jpg'],
      [file('/home/b.jpg')],
      ['/card', '/home', '/new'],
      [],
    );
    expect(vanished).toEqual(['/home/c.jpg']);
    expect(errors).toEqual([{ path: '/card', error: '/card looks empty — is the drive connected?' }]);
  });
});

describe('indexing an unreadable folder or an empty mount point', () => {
  let work: string;
  let engine: DoppelEngine;

  beforeAll(async () => {
    work = await realpath(await mkdtemp(join(tmpdir(), 'doppel-vanished-')));
    engine = await DoppelEngine.open({ dataDir: join(work, 'data'), role: 'test', model: TINY_MODEL_DIR });
  });

  afterAll(async () => {
    unreadable.clear();
    await engine?.close();
    await rm(work, { recursive: true, force: true });
  });

  async function photo(path: string, seed: number): Promise<string> {
    await writeImage(path, rawImage(photoLikePixels(seed)).jpeg({ quality: 85 }));
    return path;
  }
  const images = async (folder: string) =>
    (await engine.status()).folders.find((f) => f.path === folder)?.images;

  it('keeps the photos of a folder it cannot read, and still drops a deleted one', async () => {
    const lib = join(work, 'lib');
    await photo(join(lib, '2019', 'a.jpg'), 1);
    const deleted = await photo(join(lib, '2019', 'b.jpg'), 2);
    await photo(join(lib, '2020', 'c.jpg'), 3);
    await photo(join(lib, '2020', 'd.jpg'), 4);
    await engine.indexFolders({ paths: [lib] });
    expect(await images(lib)).toBe(4);

    await unlink(deleted);
    unreadable.add(join(lib, '2020'));
    const result = await engine.indexFolders({ paths: [lib] });
    unreadable.clear();
    expect(result.removed).toBe(1);
    expect(result.errors).toEqual([{ path: join(lib, '2020'), error: 'cannot read folder: EACCES' }]);
    expect(await images(lib)).toBe(3);
    expect(await engine.isIndexed(join(lib, '2020', 'c.jpg'))).toBe(true);
  });

  it('keeps the photos of a library folder that looks empty (an unmounted drive)', async () => {
    const card = join(work, 'mnt', 'card');
    await photo(join(card, 'DCIM', 'e.jpg'), 5);
    await photo(join(card, 'DCIM', 'f.jpg'), 6);
    await engine.indexFolders({ paths: [card] });
    // Unmounted: the mount point is still there, empty.
    await rename(join(card, 'DCIM'), join(work, 'mnt', 'DCIM-elsewhere'));
    const result = await engine.indexFolders({ paths: [card] });
    expect(result.removed).toBe(0);
    expect(result.errors).toEqual([{ path: card, error: `${card} looks empty — is the drive connected?` }]);
    expect(await images(card)).toBe(2);
  });
});
