import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { escapeTrashPath, freedesktopTrashBin, macTrashError, mountTop } from './trash-bin';

/** tmpfs at /dev/shm is a second file system on most Linux boxes: the per-drive trash needs one. */
const SHM = '/dev/shm';
const secondFileSystem =
  process.platform === 'linux' && existsSync(SHM) && statSync(SHM).dev !== statSync(tmpdir()).dev;
const uid = process.getuid?.() ?? 0;

describe('freedesktop trash', () => {
  let home: string;
  let other: string | null = null;
  const dataHome = () => join(home, 'share');

  beforeEach(async () => {
    home = await realpath(await mkdtemp(join(tmpdir(), 'doppel-trash-home-')));
    other = secondFileSystem ? await mkdtemp(join(SHM, 'doppel-trash-drive-')) : null;
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
    if (other) await rm(other, { recursive: true, force: true });
  });

  const infoOf = async (trash: string) => {
    const [name] = await readdir(join(trash, 'info'));
    return { name: name!, text: await readFile(join(trash, 'info', name!), 'utf8') };
  };

  it('moves a file on the home drive to the home trash with a spec .trashinfo', async () => {
    const photo = join(home, 'Photos', 'a b#?%ü 写真.jpg');
    await mkdir(join(home, 'Photos'));
    await writeFile(photo, 'pixels');
    await freedesktopTrashBin({ dataHome: dataHome(), uid }).moveToTrash(photo);
    const trash = join(dataHome(), 'Trash');
    expect(existsSync(photo)).toBe(false);
    expect(await readFile(join(trash, 'files', 'a b#?%ü 写真.jpg'), 'utf8')).toBe('pixels');
    const info = await infoOf(trash);
    expect(info.name).toBe('a b#?%ü 写真.jpg.trashinfo');
    const lines = info.text.split('\n');
    expect(lines[0]).toBe('[Trash Info]');
    expect(lines[1]).toBe(`Path=${escapeTrashPath(photo)}`);
    expect(lines[1]).toContain('a%20b%23%3F%25%C3%BC%20%E5%86%99%E7%9C%9F.jpg');
    expect(decodeURIComponent(lines[1]!.slice(5))).toBe(photo);
    expect(lines[2]).toMatch(/^DeletionDate=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  it('keeps both when two trashed files share a name', async () => {
    const trashBin = freedesktopTrashBin({ dataHome: dataHome(), uid });
    for (const dir of ['one', 'two']) {
      await mkdir(join(home, dir));
      await writeFile(join(home, dir, 'IMG_1.jpg'), dir);
      await trashBin.moveToTrash(join(home, dir, 'IMG_1.jpg'));
    }
    const files = await readdir(join(dataHome(), 'Trash', 'files'));
    const infos = await readdir(join(dataHome(), 'Trash', 'info'));
    expect(files).toHaveLength(2);
    expect(infos.sort()).toEqual(files.map((f) => `${f}.trashinfo`).sort());
  });

  it.skipIf(!secondFileSystem)(
    'uses the trash of the drive the file is on (needs a second file system)',
    async () => {
      await mkdir(join(other!, 'DCIM'));
      const photo = join(other!, 'DCIM', 'IMG 2.jpg');
      await writeFile(photo, 'pixels');
      await freedesktopTrashBin({ dataHome: dataHome(), uid, mountTopOf: async () => other! }).moveToTrash(
        photo,
      );
      const trash = join(other!, `.Trash-${uid}`);
      expect(await readFile(join(trash, 'files', 'IMG 2.jpg'), 'utf8')).toBe('pixels');
      expect((await infoOf(trash)).text).toContain('Path=DCIM/IMG%202.jpg\n');
      expect(existsSync(join(dataHome(), 'Trash'))).toBe(false);
      expect(await mountTop(join(other!, 'DCIM'))).toBe(SHM);
    },
  );

  it.skipIf(!secondFileSystem)(
    "falls back to a copy in the home trash, keeping the photo's time (needs a second file system)",
    async () => {
      const photo = join(other!, 'IMG_3.jpg');
      await writeFile(photo, 'pixels');
      const taken = new Date('2001-02-03T04:05:06Z');
      await utimes(photo, taken, taken);
      const blocked = join(other!, 'not-a-folder');
      await writeFile(blocked, ''); // the drive's trash cannot be made under a file
      await freedesktopTrashBin({ dataHome: dataHome(), uid, mountTopOf: async () => blocked }).moveToTrash(
        photo,
      );
      const trash = join(dataHome(), 'Trash');
      expect(existsSync(photo)).toBe(false);
      expect((await stat(join(trash, 'files', 'IMG_3.jpg'))).mtime.getTime()).toBe(taken.getTime());
      expect((await infoOf(trash)).text).toContain(`Path=${escapeTrashPath(photo)}\n`);
    },
  );

  it.skipIf(!secondFileSystem)(
    'leaves no .trashinfo behind when the move fails (needs a second file system)',
    async () => {
      const folder = join(other!, 'a folder.jpg'); // a folder cannot be copied across drives by copyFile
      await mkdir(folder);
      await expect(
        freedesktopTrashBin({
          dataHome: dataHome(),
          uid,
          mountTopOf: async () => join(other!, 'nope', 'x'),
        }).moveToTrash(folder),
      ).rejects.toThrow();
      expect(existsSync(folder)).toBe(true);
      expect(await readdir(join(dataHome(), 'Trash', 'info'))).toEqual([]);
      expect(await readdir(join(dataHome(), 'Trash', 'files'))).toEqual([]);
    },
  );
});

describe('macOS trash errors', () => {
  it('tells the photographer what to do when ~/.Trash is out of reach', () => {
    const denied = Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' });
    expect((macTrashError(denied) as Error).message).toBe(
      "Doppel can't reach the Trash; set DOPPEL_TRASH_DIR or use the desktop app",
    );
    const other = Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    expect(macTrashError(other)).toBe(other);
  });
});
