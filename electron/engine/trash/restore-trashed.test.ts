import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { restoreTrashed } from './restore-trashed';
import { folderTrashBin, freedesktopTrashBin, type TrashBin } from './trash-bin';
import { TrashLog } from './trash-log';
import { trashLogEntry } from './trash-photos';

/** tmpfs at /dev/shm is a second file system on most Linux boxes: a cross-device restore needs one. */
const SHM = '/dev/shm';
const secondFileSystem =
  process.platform === 'linux' && existsSync(SHM) && statSync(SHM).dev !== statSync(tmpdir()).dev;
const uid = process.getuid?.() ?? 0;

describe('restoring trashed photos', () => {
  let work: string;
  let log: TrashLog;
  let bin: TrashBin;

  beforeEach(async () => {
    work = await realpath(await mkdtemp(join(tmpdir(), 'doppel-restore-')));
    log = new TrashLog(join(work, 'data'));
    bin = freedesktopTrashBin({ dataHome: join(work, 'share'), uid });
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  /** Trashes the files as trashPhotos does and logs them as one action. */
  async function trash(paths: string[], trashBin = bin): Promise<string> {
    const entries = [];
    for (const path of paths) {
      const where = await trashBin.moveToTrash(path);
      entries.push((await trashLogEntry(path, where!))!);
    }
    return log.add(entries);
  }

  async function photo(relative: string, text: string): Promise<string> {
    const path = join(work, 'Photos', relative);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, text);
    await utimes(path, new Date('2021-05-01T10:00:00Z'), new Date('2021-05-01T10:00:00Z'));
    return path;
  }

  it('puts a file back where it came from, with its time, and takes its .trashinfo away', async () => {
    const path = await photo('trip/IMG_1.jpg', 'pixels');
    const id = await trash([path]);
    expect(existsSync(path)).toBe(false);
    const result = await restoreTrashed(log, [id]);
    expect(result).toEqual({ restored: [path], failed: [] });
    expect(await readFile(path, 'utf8')).toBe('pixels');
    expect(statSync(path).mtime.toISOString()).toBe('2021-05-01T10:00:00.000Z');
    expect(await readdir(join(work, 'share', 'Trash', 'files'))).toEqual([]);
    expect(await readdir(join(work, 'share', 'Trash', 'info'))).toEqual([]);
    // Done once: the action is forgotten, so a second undo touches nothing.
    expect((await restoreTrashed(log, [id])).failed).toHaveLength(1);
  });

  it('recreates the folder a photo came from when it was removed since', async () => {
    const path = await photo('gone/deeper/IMG_2.jpg', 'two');
    const id = await trash([path]);
    await rm(join(work, 'Photos', 'gone'), { recursive: true });
    expect((await restoreTrashed(log, [id])).restored).toEqual([path]);
    expect(await readFile(path, 'utf8')).toBe('two');
  });

  it('never puts a file over one that is there now, and can try again once the name is free', async () => {
    const path = await photo('IMG_3.jpg', 'old copy');
    const id = await trash([path]);
    await writeFile(path, 'a newer photo saved since');
    const first = await restoreTrashed(log, [id]);
    expect(first.restored).toEqual([]);
    expect(first.failed).toEqual([
      { path, error: expect.stringContaining('a file of that name is there now') },
    ]);
    expect(await readFile(path, 'utf8')).toBe('a newer photo saved since');
    expect(await readdir(join(work, 'share', 'Trash', 'files'))).toEqual(['IMG_3.jpg']);
    await rm(path);
    expect((await restoreTrashed(log, [id])).restored).toEqual([path]);
    expect(await readFile(path, 'utf8')).toBe('old copy');
  });

  it('leaves a file in the trash that is not the one Doppel put there', async () => {
    const path = await photo('IMG_4.jpg', 'ours');
    const id = await trash([path]);
    // Someone emptied the trash and another file of that name landed there, even of the same size and time.
    const inTrash = join(work, 'share', 'Trash', 'files', 'IMG_4.jpg');
    await rm(inTrash);
    await writeFile(inTrash, 'OURS');
    await utimes(inTrash, new Date('2021-05-01T10:00:00Z'), new Date('2021-05-01T10:00:00Z'));
    const result = await restoreTrashed(log, [id]);
    expect(result.restored).toEqual([]);
    expect(result.failed[0]!.error).toContain('not the one Doppel put there');
    expect(existsSync(path)).toBe(false);
    expect(await readFile(inTrash, 'utf8')).toBe('OURS');
  });

  it('restores only what its log holds: an unknown id moves nothing', async () => {
    const path = await photo('IMG_5.jpg', 'five');
    await trash([path]);
    const result = await restoreTrashed(log, ['00000000-0000-4000-8000-000000000000']);
    expect(result.restored).toEqual([]);
    expect(result.failed).toHaveLength(1);
    expect(existsSync(path)).toBe(false);
  });

  it('keeps the log across restarts (a new TrashLog on the same data folder)', async () => {
    const path = await photo('IMG_6.jpg', 'six');
    const id = await trash([path]);
    const reopened = new TrashLog(join(work, 'data'));
    expect((await restoreTrashed(reopened, [id])).restored).toEqual([path]);
  });

  it('restores from a trash folder (DOPPEL_TRASH_DIR) too', async () => {
    const path = await photo('IMG_7.jpg', 'seven');
    const id = await trash([path], folderTrashBin(join(work, 'review')));
    expect((await restoreTrashed(log, [id])).restored).toEqual([path]);
    expect(await readdir(join(work, 'review'))).toEqual([]);
  });

  it.skipIf(!secondFileSystem)('puts a file back from its own drive’s trash (.Trash-$uid)', async () => {
    const drive = await mkdtemp(join(SHM, 'doppel-restore-drive-'));
    try {
      const path = join(drive, 'DCIM', 'IMG_9.jpg');
      await mkdir(join(drive, 'DCIM'));
      await writeFile(path, 'nine');
      const onDrive = freedesktopTrashBin({
        dataHome: join(work, 'share'),
        uid,
        mountTopOf: async () => drive,
      });
      const id = await trash([path], onDrive);
      expect(await readdir(join(drive, `.Trash-${uid}`, 'files'))).toEqual(['IMG_9.jpg']);
      expect((await restoreTrashed(log, [id])).restored).toEqual([path]);
      expect(await readFile(path, 'utf8')).toBe('nine');
      expect(await readdir(join(drive, `.Trash-${uid}`, 'info'))).toEqual([]);
    } finally {
      await rm(drive, { recursive: true, force: true });
    }
  });

  it.skipIf(!secondFileSystem)('copies a file back across drives, verified, keeping its time', async () => {
    // A photo on another drive whose own trash cannot be used goes to the home trash as a copy; undo copies back.
    const drive = await mkdtemp(join(SHM, 'doppel-restore-drive-'));
    try {
      const path = join(drive, 'IMG_8.jpg');
      await writeFile(path, 'eight');
      await utimes(path, new Date('2020-01-02T03:04:05Z'), new Date('2020-01-02T03:04:05Z'));
      const homeOnly = freedesktopTrashBin({
        dataHome: join(work, 'share'),
        uid,
        mountTopOf: () => Promise.reject(new Error('no usable trash on that drive')),
      });
      const id = await trash([path], homeOnly);
      expect(await readdir(join(work, 'share', 'Trash', 'files'))).toEqual(['IMG_8.jpg']);
      expect((await restoreTrashed(log, [id])).restored).toEqual([path]);
      expect(await readFile(path, 'utf8')).toBe('eight');
      expect(statSync(path).mtime.toISOString()).toBe('2020-01-02T03:04:05.000Z');
      expect(await readdir(join(work, 'share', 'Trash', 'files'))).toEqual([]);
    } finally {
      await rm(drive, { recursive: true, force: true });
    }
  });
});
