import { basename, extname, join } from 'node:path';
import type { IndexError } from '../../../shared/contract/entities';
import type { Database } from '../store/database';
import { PhotoStore } from '../store/photo-store';
import { DestinationExistsError, moveWithoutOverwrite } from './move-without-overwrite';
import { TrashGuard } from './trash-guard';

export interface MoveResult {
  moved: { path: string; to: string }[];
  failed: IndexError[];
}

/** Enough tries for any real clash ("IMG_1 (2).jpg" … ) without looping forever on a strange folder. */
const MAX_NAME_TRIES = 1000;

/**
 * "Move the others to a folder": like the trash, each photo passes the trash guard right before it moves
 * (indexed and unchanged since, not a second name of another library photo, not in a protected folder), so
 * one gate decides for both. A name already taken in the destination gets a suffix ("IMG_1 (2).jpg"); no file
 * is ever replaced. Across drives the file is copied, flushed, checked, then removed (see
 * moveWithoutOverwrite). Moved photos leave the library. `destination` must have passed
 * moveDestinationProblem.
 */
export async function movePhotos(db: Database, paths: string[], destination: string): Promise<MoveResult> {
  const guard = await TrashGuard.load(db, paths, 'move it to a folder');
  const result: MoveResult = { moved: [], failed: [] };
  for (const path of paths) {
    const problem = await guard.problem(path);
    if (problem) {
      result.failed.push({ path, error: problem });
      continue;
    }
    try {
      result.moved.push({ path, to: await moveUnderFreeName(path, destination) });
    } catch (error) {
      result.failed.push({ path, error: `could not be moved: ${(error as Error).message}` });
    }
  }
  await new PhotoStore(db).remove(result.moved.map((move) => move.path));
  return result;
}

async function moveUnderFreeName(path: string, destination: string): Promise<string> {
  const name = basename(path);
  const extension = extname(name);
  const stem = name.slice(0, name.length - extension.length);
  for (let attempt = 1; attempt <= MAX_NAME_TRIES; attempt++) {
    const target = join(destination, attempt === 1 ? name : `${stem} (${attempt})${extension}`);
    try {
      await moveWithoutOverwrite(path, target);
      return target;
    } catch (error) {
      if (!(error instanceof DestinationExistsError)) throw error;
    }
  }
  throw new Error(`no free name for ${name} in ${destination}`);
}
