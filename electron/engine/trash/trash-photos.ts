import type { IndexError } from '../../../shared/contract/entities';
import type { Database } from '../store/database';
import { PhotoStore } from '../store/photo-store';
import type { TrashBin } from './trash-bin';
import { TrashGuard } from './trash-guard';

/**
 * Move library photos to the trash. Only indexed files can be trashed: the API is not a way to delete
 * arbitrary paths. What was moved leaves the library; what was refused or failed is said, per file.
 */
export async function trashPhotos(
  db: Database,
  trashBin: TrashBin,
  paths: string[],
): Promise<{ trashed: string[]; failed: IndexError[] }> {
  const guard = await TrashGuard.load(db, paths);
  const trashed: string[] = [];
  const failed: IndexError[] = [];
  for (const path of paths) {
    // Checked right before each move: not in the library, changed since read, a second name of one file.
    const problem = await guard.problem(path);
    if (problem) {
      failed.push({ path, error: problem });
      continue;
    }
    try {
      await trashBin.moveToTrash(path);
      trashed.push(path);
    } catch (error) {
      failed.push({ path, error: `could not move to the trash: ${(error as Error).message}` });
    }
  }
  await new PhotoStore(db).remove(trashed);
  return { trashed, failed };
}
