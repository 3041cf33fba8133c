import { lstat } from 'node:fs/promises';
import type { IndexError } from '../../../shared/contract/entities';
import type { Database } from '../store/database';
import { PhotoStore } from '../store/photo-store';
import type { TrashBin, TrashedFile } from './trash-bin';
import { TrashGuard } from './trash-guard';
import type { LoggedFile, TrashLog } from './trash-log';

export interface TrashResult {
  trashed: string[];
  failed: IndexError[];
  /** The id that undoes this action (`restoreTrashed`), or null when nothing can be put back by Doppel. */
  actionId: string | null;
  /** Whether Doppel can put every trashed file back; false for the OS trash, which does not say where. */
  restorable: boolean;
}

/**
 * Move library photos to the trash. Only indexed files can be trashed: the API is not a way to delete
 * arbitrary paths. What was moved leaves the library; what was refused or failed is said, per file. Where
 * the trash says where a file went, the move is logged so that it can be undone.
 */
export async function trashPhotos(
  db: Database,
  trashBin: TrashBin,
  paths: string[],
  log?: TrashLog,
): Promise<TrashResult> {
  const guard = await TrashGuard.load(db, paths);
  const trashed: string[] = [];
  const failed: IndexError[] = [];
  const logged: LoggedFile[] = [];
  for (const path of paths) {
    // Checked right before each move: not in the library, changed since read, a second name of one file.
    const problem = await guard.problem(path);
    if (problem) {
      failed.push({ path, error: problem });
      continue;
    }
    let where: TrashedFile | void;
    try {
      where = await trashBin.moveToTrash(path);
      trashed.push(path);
    } catch (error) {
      failed.push({ path, error: `could not move to the trash: ${(error as Error).message}` });
      continue;
    }
    const entry = where ? await trashLogEntry(path, where) : null;
    if (entry) logged.push(entry);
  }
  await new PhotoStore(db).remove(trashed);
  const actionId = log && logged.length > 0 ? log.add(logged) : null;
  return { trashed, failed, actionId, restorable: actionId !== null && logged.length === trashed.length };
}

/** The trashed file as it is now, so that a restore can tell it is still the one Doppel put there. */
export async function trashLogEntry(original: string, where: TrashedFile): Promise<LoggedFile | null> {
  const info = await lstat(where.trashedPath).catch(() => null);
  if (!info) return null;
  return {
    original,
    trashedPath: where.trashedPath,
    ...(where.infoPath ? { infoPath: where.infoPath } : {}),
    size: info.size,
    mtimeMs: Math.floor(info.mtimeMs),
    dev: info.dev,
    ino: info.ino,
    ctimeMs: info.ctimeMs,
  };
}
