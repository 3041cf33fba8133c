import type { IndexProgress, IndexResult, IndexStage } from '../../../shared/contract/entities';
import type { EventName, EventPayload } from '../../../shared/contract/events';
import { finishPending, indexFolders, type IndexerContext, type IndexRun } from '../indexing/indexer';
import type { LastIndexErrors } from '../indexing/last-index-errors';
import type { LibraryFolders } from '../library/library-folders';
import { NO_MODEL, type ModelHolder, type RetiredTowers } from '../model/model-holder';
import { ContentIndex } from '../store/content-index';
import type { Database } from '../store/database';
import { PairStore } from '../store/pair-store';
import { PhotoStore } from '../store/photo-store';
import { StageStore } from '../store/stage-store';
import { UserError } from '../user-error';
import type { WatchedChange } from '../watching/library-watcher';
import { RunQueue, RunQueueClosedError, type Run } from './run-queue';
import { describeStages, type ActiveStage } from './stage-status';
import { Throttled } from './throttled';

/**
 * What a run is for: a user's index run, the watcher's incremental one, the re-embedding after a model
 * change, a folder's removal, finishing what a stopped run or a late model left ('resume'). They all write
 * the same rows, so they share one queue.
 */
export type RunKind = 'index' | 'watch' | 'reembed' | 'remove' | 'resume';

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
  /**
   * Long-lived hosts (serve, the app): an index run never waits for the model's download; photos are
   * embedded by a run of their own once it arrives (retried with backoff while it cannot be fetched).
   * One-shot CLI commands wait for the download inside the run, so `doppel index` ends with every stage.
   */
  embedInBackground: boolean;
}

const NOTHING_INDEXED = { indexed: 0, skipped: 0, removed: 0, errors: [], seconds: 0 };

/** Everything that changes the library's rows, one run at a time, each with its own AbortSignal. */
export class LibraryRuns {
  private readonly queue = new RunQueue<RunKind, IndexProgress>();
  private active: ActiveStage | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Groups may have changed mid-run: at most one libraryChanged every 2 s, the last one never lost. */
  private readonly groupsChanged = new Throttled(
    () => this.options.emit('libraryChanged', { reason: 'indexed' }),
    2000,
  );
  /**
   * A stage moved on: its counts pushed at most once a second, and no oftener than their query allows (see
   * Throttled); status() reads them any time.
   */
  private readonly stagesChanged = new Throttled(() => this.emitStages(), 1000);
  private readonly emitting = new Set<Promise<void>>();
  private stopWatchingModel: () => void;

  constructor(private readonly options: LibraryRunsOptions) {
    this.stopWatchingModel = options.models.availability.onChange(() => this.stagesChanged.now());
  }

  /** Each stage's state: from the store, the run going on now and the model (see describeStages). */
  async stages(): Promise<IndexStage[]> {
    const { models } = this.options;
    let id: string | null = null;
    let problem: string | null = null;
    try {
      id = models.identity()?.id ?? null;
    } catch (error) {
      problem = `The image model cannot be used: ${(error as Error).message}`;
    }
    const counts = await new StageStore(this.options.db).counts(id);
    return describeStages({
      counts,
      active: this.active,
      model: {
        none: models.name === NO_MODEL,
        state: models.availability.state,
        sizeBytes: models.availability.sizeBytes,
        problem,
      },
    });
  }

  /**
   * On open: finish what a run stopped before its end left (photos catalogued but not looked at, photos
   * without this model's vector), without the user adding folders again.
   */
  async resumeOnOpen(): Promise<void> {
    const { models, db } = this.options;
    const stages = new StageStore(db);
    const pendingLooks = (await stages.pendingLooks(null, '', 1)).length > 0;
    let lacking = 0;
    try {
      const id = models.identity()?.id;
      if (id) lacking = await stages.countLacking(id, null);
    } catch {
      // not a model: status says so, nothing to embed with
    }
    if (pendingLooks || (lacking > 0 && models.visionAtHand())) this.resumePending();
    else if (lacking > 0) this.fetchModelThenResume();
  }

  /** The progress of the run going on now; null between runs and while a folder is removed. */
  get progress(): IndexProgress | null {
    return this.queue.current?.progress ?? null;
  }

  /**
   * A user's run (the CLI, Add folder, Rescan). It waits for a run the watcher started instead of being
   * refused (the watcher may be picking up the same change); while another run the user or a model change
   * started is running or waiting, it is refused: one click is one run.
   */
  indexFolders(paths: string[]): Promise<IndexResult> {
    if (this.queue.has((kind) => kind !== 'watch' && kind !== 'resume'))
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
    const { models } = this.options;
    this.cancelRetry();
    const reembed = this.queue.enqueue('reembed', async (run) => {
      await retired();
      if (run.signal.aborted || models.name === NO_MODEL) return;
      await this.runPending(run);
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
  async close(): Promise<void> {
    this.closed = true;
    this.cancelRetry();
    this.stopWatchingModel();
    await this.queue.close();
    this.groupsChanged.close();
    this.stagesChanged.close();
    // A stage count still being read must end before the database closes.
    await Promise.all(this.emitting);
  }

  /**
   * Queue a run that finishes what is pending from the store (no walk), unless one is already waiting.
   * The model's arrival, a retry and opening the engine all come here.
   */
  private resumePending(): void {
    // One waiting is enough: it reads what is pending when it starts. A running one may have begun before
    // the model arrived, so it does not count.
    if (this.closed || this.queue.hasWaiting((kind) => kind === 'resume' || kind === 'reembed')) return;
    this.queue
      .enqueue('resume', async (run) => {
        if (!run.signal.aborted) await this.runPending(run);
      })
      .catch((error: unknown) => {
        if (!(error instanceof RunQueueClosedError))
          console.error(`doppel: finishing the index: ${(error as Error).message}`);
      });
  }

  /** Fetch the model outside the queue (a download may take minutes), then embed what waits for it. */
  private fetchModelThenResume(): void {
    if (this.closed || this.options.models.name === NO_MODEL) return;
    this.options.models.visionModel().then(
      (model) => {
        if (model) this.resumePending();
      },
      () => this.scheduleRetry(),
    );
  }

  /** The model could not be fetched (offline, the hub down): try again after the holder's next delay. */
  private scheduleRetry(): void {
    const delay = this.options.models.retryDelay;
    if (this.closed || this.retryTimer || delay === null) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.fetchModelThenResume();
    }, delay);
    this.retryTimer.unref?.();
  }

  private cancelRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Returns when the counts are read and sent: the throttle times it (their query grows with the library). */
  private emitStages(): Promise<void> {
    const emitting = this.stages().then(
      (stages) => this.options.emit('stagesChanged', { stages }),
      () => undefined, // the database is gone: the next status call says so
    );
    this.emitting.add(emitting);
    void emitting.finally(() => this.emitting.delete(emitting));
    return emitting;
  }

  /** The model for a run: waited for when at hand; otherwise fetched in the background or in the run. */
  private async modelFor(): Promise<Pick<IndexerContext, 'model' | 'loadedModel' | 'modelLater'>> {
    const { models } = this.options;
    const loadedModel = () => models.loadedVision();
    if (models.name === NO_MODEL) return { model: null };
    if (models.visionAtHand()) {
      const model = await models.visionModel().catch(() => {
        this.scheduleRetry();
        return null;
      });
      return { model, loadedModel };
    }
    if (this.options.embedInBackground) {
      this.fetchModelThenResume();
      return { model: null, loadedModel };
    }
    return { model: null, loadedModel, modelLater: () => models.visionModel() };
  }

  /** What a run reports along the way: progress, its stage, and that groups may have changed. */
  private runReports(run: LibraryRun): IndexRun {
    const { emit } = this.options;
    return {
      signal: run.signal,
      onProgress: (progress) => {
        run.progress = progress;
        emit('indexProgress', progress);
      },
      onStage: (stage) => {
        const moved = stage?.name !== this.active?.name;
        this.active = stage;
        if (moved) this.stagesChanged.now();
        else this.stagesChanged.request();
      },
      onGroupsMayChange: () => this.groupsChanged.request(),
      onModelUnavailable: () => this.scheduleRetry(),
    };
  }

  private async context(): Promise<IndexerContext> {
    const { db } = this.options;
    return {
      photos: new PhotoStore(db),
      pairs: new PairStore(db),
      stages: new StageStore(db),
      ...(await this.modelFor()),
      dataDir: this.options.dataDir,
      exclude: [this.options.thumbnailFolder()],
      batchSize: this.options.batchSize,
      knownContent: await ContentIndex.load(db),
    };
  }

  /** A run over what the store says is pending (a resume, a model change); events only when it did work. */
  private async runPending(run: LibraryRun): Promise<void> {
    const { emit, lastErrors } = this.options;
    try {
      const result = await finishPending(await this.context(), this.runReports(run));
      if (result.indexed === 0 && result.removed === 0 && result.errors.length === 0) return;
      lastErrors.record(result.errors);
      emit('indexFinished', result);
      emit('libraryChanged', { reason: 'indexed' });
    } finally {
      this.active = null;
      this.stagesChanged.now();
    }
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
    const { folders, emit } = this.options;
    const plan = await folders.plan(paths, onlyKnown);
    await folders.adopt(plan);
    this.options.foldersChanged();
    let indexed: IndexResult;
    try {
      indexed =
        plan.roots.length === 0
          ? { ...NOTHING_INDEXED, cancelled: false }
          : await indexFolders(plan.roots, await this.context(), { ...this.runReports(run), onlyUnder });
    } finally {
      this.active = null;
      this.stagesChanged.now();
    }
    const result = { ...indexed, errors: [...plan.errors, ...indexed.errors] };
    this.options.lastErrors.record(result.errors);
    emit('indexFinished', result);
    emit('libraryChanged', { reason: 'indexed' });
    return result;
  }
}
