import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, realpath, rm, symlink } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DoppelEngine } from '../doppel-engine';
import { TINY_MODEL_DIR } from '../testing/library-fixture';
import { photoLikePixels, rawImage, writeImage } from '../testing/photo-fixtures';
import { thumbnailFolderProblem } from '../thumbnails/thumbnail-folder';

const onUnix = process.platform !== 'win32';

/** Which folders the engine takes as library and thumbnail folders, and what a removal may remove. */
describe('folder rules', () => {
  let work: string;
  let home: string;
  let dataDir: string;
  let engine: DoppelEngine;

  beforeAll(async () => {
    // A stand-in home folder holding both the photos and Doppel's data folder, as the default layout does.
    work = await realpath(await mkdtemp(join(tmpdir(), 'doppel-rules-')));
    home = join(work, 'home');
    dataDir = join(home, 'doppel-data');
    engine = await DoppelEngine.open({ dataDir, role: 'test', model: TINY_MODEL_DIR });
    for (let i = 0; i < 2; i++)
      await writeImage(join(home, 'Pictures', `IMG_${i}.jpg`), rawImage(photoLikePixels(i)).jpeg());
    // Something photo-like in the data folder: it must never be indexed.
    await writeImage(join(dataDir, 'thumbnails', 'ab', 'IMG_9.jpg'), rawImage(photoLikePixels(9)).jpeg());
    if (onUnix) await symlink('/etc', join(work, 'settings-link'));
  });

  afterAll(async () => {
    await engine?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('removes only a library folder: "/" and other folders remove nothing', async () => {
    await engine.indexFolders({ paths: [join(home, 'Pictures')] });
    const before = await engine.status();
    expect(before.images).toBe(2);
    for (const path of ['/', work, join(home, 'Pictures', 'inside')])
      await expect(engine.removeFolder({ path })).rejects.toThrow(
        `${path} is not a library folder; nothing was removed.`,
      );
    expect(await engine.status()).toEqual(before);
    // A link to a library folder names it by its real path.
    await symlink(join(home, 'Pictures'), join(work, 'pictures-link'));
    expect(await engine.removeFolder({ path: join(work, 'pictures-link') })).toEqual({ removed: 2 });
    expect((await engine.status()).folders).toEqual([]);
  });

  it('refuses the data folder and a folder inside it as library folders', async () => {
    await expect(engine.indexFolders({ paths: [dataDir] })).rejects.toThrow(
      `${dataDir} is Doppel's own data folder, where it keeps its database and thumbnails`,
    );
    await expect(engine.indexFolders({ paths: [join(dataDir, 'thumbnails')] })).rejects.toThrow(
      `${join(dataDir, 'thumbnails')} is inside Doppel's data folder ${dataDir}`,
    );
    await symlink(join(dataDir, 'thumbnails'), join(work, 'thumbs-link'));
    await expect(engine.indexFolders({ paths: [join(work, 'thumbs-link')] })).rejects.toThrow(
      /is inside Doppel's data folder/,
    );
    expect((await engine.status()).folders).toEqual([]);
  });

  it.skipIf(!onUnix)('refuses system folders as library folders, also through a link', async () => {
    for (const path of ['/', '/etc', join(work, 'settings-link')])
      await expect(engine.indexFolders({ paths: [path] })).rejects.toThrow(
        /a folder of the operating system's own: add the folder that holds your photos instead/,
      );
    expect((await engine.status()).folders).toEqual([]);
  });

  it('takes a folder that holds the data folder, and never indexes the data folder in it', async () => {
    const result = await engine.indexFolders({ paths: [home] });
    expect(result.errors).toEqual([]);
    expect(result.indexed).toBe(2);
    expect(await engine.isIndexed(join(dataDir, 'thumbnails', 'ab', 'IMG_9.jpg'))).toBe(false);
    await engine.removeFolder({ path: home });
  });

  it.skipIf(!onUnix)(
    'refuses a system folder or the home folder itself as the thumbnail folder',
    async () => {
      const before = await engine.getSettings();
      const etcBefore = await readdir('/etc');
      for (const path of ['/etc', '/etc/doppel', '/usr/local', join(work, 'settings-link', 'x'), '/'])
        await expect(engine.updateSettings({ thumbnailCacheDir: path })).rejects.toThrow(
          /a folder of the operating system's own: choose a folder of your own for the thumbnails/,
        );
      await expect(engine.updateSettings({ thumbnailCacheDir: homedir() })).rejects.toThrow(
        `${homedir()} is your home folder itself`,
      );
      expect(await engine.getSettings()).toEqual(before);
      expect(await readdir('/etc')).toEqual(etcBefore);
      expect(existsSync('/etc/doppel')).toBe(false);
    },
  );

  it("refuses a thumbnail folder among the data folder's files, or one that would hold it", async () => {
    await expect(engine.updateSettings({ thumbnailCacheDir: join(dataDir, 'clickhouse') })).rejects.toThrow(
      `The thumbnail folder ${join(dataDir, 'clickhouse')} is inside Doppel's data folder ${dataDir}`,
    );
    // Beside the data folder is fine, and so is the default.
    const beside = join(home, 'Cache');
    await mkdir(beside, { recursive: true });
    await engine.updateSettings({ thumbnailCacheDir: beside });
    await engine.updateSettings({ thumbnailCacheDir: join(dataDir, 'thumbnails') });
    // The cache gets a subfolder of its own: chosen so that it holds the data folder, it is refused.
    const nested = join(work, 'Doppel Thumbnails', 'data');
    expect(thumbnailFolderProblem(work, nested, [])).toBe(
      `The thumbnail folder ${work} would hold Doppel's data folder ${nested}: choose a folder of your own for the thumbnails.`,
    );
  });
});
