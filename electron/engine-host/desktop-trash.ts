import { folderTrashBin, freedesktopTrashBin, trashKindFor, type TrashBin } from '../engine/trash/trash-bin';

/**
 * The desktop app's trash: DOPPEL_TRASH_DIR's folder when set (tests, a review folder); on Linux Doppel's own
 * freedesktop trash, the one file managers show, which records where each file went so that Undo can put it
 * back; on macOS and Windows the OS trash through main's shell.trashItem (Put Back / Restore there).
 */
export function desktopTrashBin(
  platform: NodeJS.Platform,
  trashDir: string | undefined,
  osTrash: TrashBin,
): TrashBin {
  switch (trashKindFor(platform, trashDir)) {
    case 'folder':
      return folderTrashBin(trashDir!);
    case 'freedesktop':
      return freedesktopTrashBin();
    case 'system':
      return osTrash;
  }
}
