import type { IndexProgress, IndexResult } from '../../../shared/contract/entities';
import type { EventName, EventPayload } from '../../../shared/contract/events';
import { indexFolders } from '../indexing/indexer';
import type { LastIndexErrors } from '../indexing/last-index-errors';
import type { LibraryFolders } from '../library/library-folders';
import { NO_MODEL, type ModelHolder, type RetiredTowers } from '../model/model-holder';
import { ContentIndex } from '../store/content-index';
import type { Database } from '../store/database';
import { PairStore } from '../store/pair-store';
import { PhotoStore } from '../store/photo-store';
import { UserError } from '../user-error';
import type { WatchedChange } from '../watching/library-watcher';
import { RunQueue, RunQueueClosedError, type Run } from './run-queue';

/**
 * What a run is for: a user's index run, the watcher's incremental one, the re-embedding after a model
 * change, a folder's removal. They all write the same rows, so they share one queue.
 */
export type RunKind = 'index' | 'watch' | 'reembed' | 'remove';

type LibraryRun = Run<RunKind, IndexProgress>;

export interface LibraryRunsOptions {
  db: Database;
  dataDir: string;
  batchSize: number;
  folders: LibraryFolders;
  models: ModelHolder;
  lastErrors: LastIndexErrors;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** The library's folders changed (added, absorbed, removed): the watcher follows them. */
  foldersChanged: () => void;
  /** Where thumbnails go now: never scanned, even through a link in the library. */
  thumbnailFolder: () => string;
}

const NOTHING_INDEXED = { indexed: 0, skipped: 0, removed: 0, errors: [], seconds: 0 };

/** Everything that changes the library's rows, one run at a time, each with its own AbortSignal. */
export class LibraryRuns {
  private readonly queue = new RunQueue<RunKind, IndexProgress>();

  constructor(private readonly options: LibraryRunsOptions) {}

  /** The progress of the run going on now; null between runs and while a folder is removed. */
  get progress(): IndexProgress | null {
    return this.queue.current?.progress ?? null;
  }

  /** Whether photos are being (or about to be) re-read with a newly chosen model. */
  get reembedding(): boolean {
    return this.queue.has('reembed');
  }

  /**
   * A user's run (the CLI, Add folder, Rescan). It waits for a run the watcher started instead of being
   * refused (the watcher may be picking up the same change); while another run the user or a model change
   * started is running or waiting, it is refused: one click is one run.
   */
  indexFolders(paths: string[]): Promise<IndexResult> {
    if (this.queue.has((kind) => kind !== 'watch'))
      return Promise.reject(
        new UserError('busy', 'Indexing is already running: wait for it or cancel it first.'),
      );
    return this.enqueue('index', (run) => this.runIndex(run, paths, false));
  }

  /** The watcher's changes, after any run queued before them. Never adds a folder (see runIndex). */
  async indexWatchedChanges(changes: WatchedChange[]): Promise<void> {
    // Only the changed subtrees are walked: one new photo must not mean a walk of a 1M-file share.
    const folders = changes.map((change) => change.folder);
    const subtrees = changes.flatMap((change) => change.subtrees);
    await this.queue
      .enqueue('watch', async (run) => {
        if (!run.signal.aborted) await this.runIndex(run, folders, true, subtrees);
      })
      .catch((error: unknown) => {
        if (!(error instanceof RunQueueClosedError)) throw error; // closing: the change is seen next start
      });
  }

  /**
   * After a model change every photo needs the new model's vector (vectors of two models are never
   * compared): the run in progress is stopped (it embeds with the old towers), the old towers are freed,
   * then the library's folders are re-indexed in the background, with the usual progress events.
   */
  reembedLibrary(retired: RetiredTowers): void {
    const { folders, models } = this.options;
    const reembed = this.queue.enqueue('reembed', async (run) => {
      await retired();
      const paths = await folders.list();
      if (run.signal.aborted || paths.length === 0 || models.name === NO_MODEL) return;
      await this.runIndex(run, paths, true);
    });
    this.queue.abortCurrent();
    reembed.catch((error: unknown) => {
      void retired(); // closed before it could start: the old towers are still freed
      // Nobody awaits this run: the next search or index reports the same failure in the user's words.
      if (!(error instanceof RunQueueClosedError))
        console.error(`doppel: re-embedding with ${models.name} failed: ${(error as Error).message}`);
    });
  }

  /**
   * A running index is stopped and waited for first, and the removal holds the queue: otherwise the run
   * would go on inserting rows under the folder after its rows were dropped. Runs waiting ahead of it are
   * stopped too (they start, aborted, and touch nothing), so a removal never waits for a whole index run;
   * a run queued after it finds the folder gone from the library and skips it.
   */
  removeFolder(folder: string): Promise<{ removed: number }> {
    this.queue.abortAll();
    return this.enqueue('remove', async () => {
      const removed = await this.options.folders.remove(folder);
      this.options.foldersChanged();
      this.options.emit('libraryChanged', { reason: 'removed' });
      return { removed };
    });
  }

  /** Stop the index run in progress (what it stored is kept; the next run goes on from there). */
  cancelIndexing(): { cancelled: boolean } {
    if (this.queue.current?.kind === 'remove') return { cancelled: false };
    return { cancelled: this.queue.abortCurrent() };
  }

  /** Resolves when no run is running or waiting (tests wait for a background re-embed this way). */
  idle(): Promise<void> {
    return this.queue.whenIdle();
  }

  /** Stop every run, running or waiting, and wait for them; nothing new starts. */
  close(): Promise<void> {
    return this.queue.close();
  }

  private enqueue<T>(kind: RunKind, task: (run: LibraryRun) => Promise<T>): Promise<T> {
    return this.queue.enqueue(kind, task).catch((error: unknown) => {
      if (error instanceof RunQueueClosedError) throw new UserError('engine-stopped', error.message);
      throw error;
    });
  }

  /**
   * One index run. `onlyKnown`: the watcher or a re-embed, which never add folders to the library (one
   * removed since the change was seen is skipped, not brought back). `onlyUnder`: walk only these subtrees.
   */
  private async runIndex(
    run: LibraryRun,
    paths: string[],
    onlyKnown: boolean,
    onlyUnder?: string[],
  ): Promise<IndexResult> {
    // Stopped before its turn came (closing, a folder's removal): it touches nothing.
    if (run.signal.aborted) return { ...NOTHING_INDEXED, cancelled: true };
    const { db, folders, emit } = this.options;
    const plan = await folders.plan(paths, onlyKnown);
    const model = await this.options.models.visionModel();
    await folders.adopt(plan);
    this.options.foldersChanged();
    const indexed =
      plan.roots.length === 0
        ? { ...NOTHING_INDEXED, cancelled: false }
        : await indexFolders(
            plan.roots,
            {
              photos: new PhotoStore(db),
              pairs: new PairStore(db),
              model,
              dataDir: this.options.dataDir,
              exclude: [this.options.thumbnailFolder()],
              batchSize: this.options.batchSize,
              knownContent: await ContentIndex.load(db),
            },
            {
              signal: run.signal,
              onlyUnder,
              onProgress: (progress) => {
                run.progress = progress;
                emit('indexProgress', progress);
              },
            },
          );
    const result = { ...indexed, errors: [...plan.errors, ...indexed.errors] };
    this.options.lastErrors.record(result.errors);
    emit('indexFinished', result);
    emit('libraryChanged', { reason: 'indexed' });
    return result;
  }
}
