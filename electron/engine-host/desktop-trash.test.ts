import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrashBin } from '../engine/trash/trash-bin';
import { desktopTrashBin } from './desktop-trash';

const osTrash: TrashBin = { moveToTrash: async () => undefined };

describe('desktopTrashBin', () => {
  it('asks main for the OS trash on macOS and Windows', () => {
    expect(desktopTrashBin('darwin', undefined, osTrash)).toBe(osTrash);
    expect(desktopTrashBin('win32', undefined, osTrash)).toBe(osTrash);
  });

  it.skipIf(process.platform !== 'linux')(
    'uses Doppel’s own freedesktop trash on Linux, which says where a file went (so Undo works)',
    async () => {
      const work = await mkdtemp(join(tmpdir(), 'doppel-desktop-trash-'));
      const before = process.env.XDG_DATA_HOME;
      process.env.XDG_DATA_HOME = join(work, 'share');
      try {
        const bin = desktopTrashBin('linux', undefined, osTrash);
        expect(bin).not.toBe(osTrash);
        const photo = join(work, 'IMG_1.jpg');
        await writeFile(photo, 'pixels');
        expect(await bin.moveToTrash(photo)).toEqual({
          trashedPath: join(work, 'share', 'Trash', 'files', 'IMG_1.jpg'),
          infoPath: join(work, 'share', 'Trash', 'info', 'IMG_1.jpg.trashinfo'),
        });
        expect(await readdir(join(work, 'share', 'Trash', 'files'))).toEqual(['IMG_1.jpg']);
      } finally {
        if (before === undefined) delete process.env.XDG_DATA_HOME;
        else process.env.XDG_DATA_HOME = before;
        await rm(work, { recursive: true, force: true });
      }
    },
  );

  it('sends trashed files to DOPPEL_TRASH_DIR when set, on every platform', async () => {
    const work = await mkdtemp(join(tmpdir(), 'doppel-desktop-trash-'));
    try {
      const photo = join(work, 'IMG_2.jpg');
      await writeFile(photo, 'pixels');
      const moved = await desktopTrashBin('darwin', join(work, 'review'), osTrash).moveToTrash(photo);
      expect(moved?.trashedPath.startsWith(join(work, 'review'))).toBe(true);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
