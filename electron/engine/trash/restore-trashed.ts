import { lstat, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { IndexError } from '../../../shared/contract/entities';
import { DestinationExistsError, moveWithoutOverwrite } from './move-without-overwrite';
import type { LoggedFile, TrashLog } from './trash-log';

export interface RestoreResult {
  restored: string[];
  failed: IndexError[];
}

/**
 * Puts back what the given trash actions moved, each file to the path it came from. Only files this Doppel
 * trashed (in its log) are touched; a file is never put over one that is there now, and one that changed in
 * the trash (replaced, edited, emptied and refilled) is left alone. What could not be put back says why.
 */
export async function restoreTrashed(log: TrashLog, actionIds: string[]): Promise<RestoreResult> {
  const result: RestoreResult = { restored: [], failed: [] };
  for (const id of new Set(actionIds)) {
    const action = log.find(id);
    if (!action) {
      result.failed.push({
        path: '',
        error: 'this trash action cannot be undone (it is not in Doppel’s list)',
      });
      continue;
    }
    const done = new Set<string>();
    for (const file of action.files) {
      const problem = await restoreOne(file);
      if (problem === null) {
        result.restored.push(file.original);
        done.add(file.original);
      } else {
        result.failed.push({ path: file.original, error: problem.error });
        if (problem.gone) done.add(file.original);
      }
    }
    log.forget(id, done);
  }
  return result;
}

/** Null when the file is back; else why not, and whether it can never come back (gone from the trash). */
async function restoreOne(file: LoggedFile): Promise<{ error: string; gone: boolean } | null> {
  const inTrash = await lstat(file.trashedPath).catch(() => null);
  if (!inTrash) return { error: 'it is no longer in the trash (emptied or restored already)', gone: true };
  if (
    !inTrash.isFile() ||
    inTrash.size !== file.size ||
    Math.floor(inTrash.mtimeMs) !== file.mtimeMs ||
    inTrash.dev !== file.dev ||
    inTrash.ino !== file.ino ||
    // A file made since (even one given the same size and time, in a reused inode) has a newer ctime.
    inTrash.ctimeMs !== file.ctimeMs
  )
    return {
      error: 'the file in the trash is not the one Doppel put there, so it was left alone',
      gone: true,
    };
  try {
    await mkdir(dirname(file.original), { recursive: true });
    await moveWithoutOverwrite(file.trashedPath, file.original);
  } catch (error) {
    if (error instanceof DestinationExistsError)
      return { error: 'a file of that name is there now, so it was left in the trash', gone: false };
    return { error: `could not be put back: ${(error as Error).message}`, gone: false };
  }
  if (file.infoPath) await removeTrashInfo(file.infoPath, file.trashedPath);
  return null;
}

/** The .trashinfo of a file that is back: removed, unless it now describes something else. */
async function removeTrashInfo(infoPath: string, trashedPath: string): Promise<void> {
  const text = await readFile(infoPath, 'utf8').catch(() => null);
  if (text === null || !text.startsWith('[Trash Info]')) return;
  // The info file is named after the file it describes; if that file is there again, it is another one.
  if (
    await lstat(trashedPath).then(
      () => true,
      () => false,
    )
  )
    return;
  await rm(infoPath, { force: true });
}
