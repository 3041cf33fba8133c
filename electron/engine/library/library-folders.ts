import type { Database } from '../store/database';
import { FolderStore, type StoredFolder } from '../store/folder-store';
import { PhotoStore } from '../store/photo-store';
import { foldersHoldingThumbnails } from '../thumbnails/thumbnail-folder';
import { UserError } from '../user-error';
import { libraryFolderProblem, libraryFolderNamed } from './folder-rules';
import { isSameOrInside, planLibraryRoots, type LibraryRootsPlan } from './library-roots';

export interface LibraryFoldersOptions {
  db: Database;
  dataDir: string;
  /** The thumbnail folder chosen in Settings (read at each plan: it can change while running). */
  thumbnailCacheDir: () => string;
}

/** The folders the user added to the library: which a run may scan, adding new ones, removing one. */
export class LibraryFolders {
  constructor(private readonly options: LibraryFoldersOptions) {}

  private readonly store = () => new FolderStore(this.options.db);

  list(): Promise<string[]> {
    return this.store().list();
  }

  /** Each library folder of this computer and whether it is protected. */
  listWithProtection(): Promise<StoredFolder[]> {
    return this.store().listWithProtection();
  }

  /** Every computer's library folders (an index shared on a server), the others' with their names. */
  listEverywhere(): Promise<StoredFolder[]> {
    return this.store().listEverywhere();
  }

  /** The protected (reference) folders: their photos are never trashed and always the keeper. */
  protectedFolders(): Promise<string[]> {
    return this.store().protectedFolders();
  }

  /** Protect a library folder (by its name or real name) or lift its protection; anything else is refused. */
  async setProtected(path: string, isProtected: boolean): Promise<string> {
    const folder = libraryFolderNamed(path, await this.list(), isProtected ? 'protected' : 'unprotected');
    await this.store().setProtected(folder, isProtected);
    return folder;
  }

  /**
   * Which of the requested folders a run scans (see planLibraryRoots), refusing the data folder, system
   * folders and a new folder that holds the thumbnail folder. A folder that cannot be scanned (a drive not connected, a second name for a library
   * folder) is a per-folder error and the others still index; only a run where no requested folder can be
   * scanned fails whole, and only when the user asked for it. `onlyKnown`: the watcher or a re-embed, which
   * never add folders to the library.
   */
  async plan(paths: string[], onlyKnown: boolean): Promise<LibraryRootsPlan> {
    // Never Doppel's data folder or a system folder (see folder-rules).
    const plan = planLibraryRoots(paths, await this.list(), onlyKnown, (root, requested) =>
      libraryFolderProblem(root, this.options.dataDir, requested),
    );
    const holdingThumbnails = foldersHoldingThumbnails(
      plan.added,
      this.options.thumbnailCacheDir(),
      this.options.dataDir,
    );
    for (const refused of holdingThumbnails) {
      plan.added = plan.added.filter((root) => root !== refused.path);
      plan.roots = plan.roots.filter((root) => root !== refused.path);
      plan.errors.push(refused);
    }
    plan.absorbed = plan.absorbed.filter((folder) => plan.added.some((root) => isSameOrInside(folder, root)));
    if (plan.roots.length === 0 && plan.errors.length > 0 && !onlyKnown)
      throw new UserError(
        'folder',
        plan.errors
          .map(({ path, error }) => (error.startsWith(path) ? error : `${path} ${error}`))
          .join('\n'),
      );
    return plan;
  }

  /** Record a plan's new folders, and drop the library folders they absorbed (their photos keep their rows). */
  async adopt(plan: LibraryRootsPlan): Promise<void> {
    // A new folder that takes over a protected one is protected too: its photos stay out of the trash.
    const wasProtected = await this.protectedFolders();
    const protectedAdded = new Set(
      plan.added.filter((root) =>
        plan.absorbed.some((folder) => wasProtected.includes(folder) && isSameOrInside(folder, root)),
      ),
    );
    if (plan.added.length > 0) await this.store().add(plan.added, protectedAdded);
    for (const absorbed of plan.absorbed) await this.store().remove(absorbed);
  }

  /** Drop a folder and every photo under it from the library (the files themselves are not touched). */
  async remove(folder: string): Promise<number> {
    const photos = new PhotoStore(this.options.db);
    await this.store().remove(folder);
    const paths = await photos.pathsUnder(folder);
    await photos.remove(paths);
    return paths.length;
  }
}
