import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';

/** Where "trash" sends files. The desktop app uses the OS trash through Electron's shell.trashItem. */
export interface TrashBin {
  moveToTrash(path: string): Promise<void>;
}

/** A plain folder: for tests (DOPPEL_TRASH_DIR) and for headless boxes that want a review folder. */
export function folderTrashBin(dir: string): TrashBin {
  return {
    async moveToTrash(path) {
      await mkdir(dir, { recursive: true });
      await moveFile(path, join(dir, `${randomUUID().slice(0, 8)}-${basename(path)}`));
    },
  };
}

/** The freedesktop.org trash (~/.local/share/Trash) that Linux file managers show and restore from. */
export function freedesktopTrashBin(home = homedir()): TrashBin {
  const root = join(process.env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'Trash');
  return {
    async moveToTrash(path) {
      await mkdir(join(root, 'files'), { recursive: true });
      await mkdir(join(root, 'info'), { recursive: true });
      const name = `${randomUUID().slice(0, 8)}-${basename(path)}`;
      const info = `[Trash Info]\nPath=${encodeURI(path)}\nDeletionDate=${new Date().toISOString().slice(0, 19)}\n`;
      await writeFile(join(root, 'info', `${name}.trashinfo`), info);
      await moveFile(path, join(root, 'files', name));
    },
  };
}

/** The platform's trash for processes without Electron (`serve`, the CLI). */
export function defaultTrashBin(): TrashBin {
  if (process.env.DOPPEL_TRASH_DIR) return folderTrashBin(process.env.DOPPEL_TRASH_DIR);
  if (process.platform === 'darwin') return folderTrashBin(join(homedir(), '.Trash'));
  if (process.platform === 'win32') {
    return {
      moveToTrash: () =>
        Promise.reject(
          new Error('the Recycle Bin is only reachable from the desktop app; set DOPPEL_TRASH_DIR'),
        ),
    };
  }
  return freedesktopTrashBin();
}

/** rename, or copy then delete across file systems; the original is removed only after the copy exists. */
async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFile(from, to);
    await rm(from);
  }
}
