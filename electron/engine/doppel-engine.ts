import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  ServerConfigSchema,
  type IndexError,
  type IndexProgress,
  type IndexResult,
  type ModelOrigin,
  type Settings,
  type StorageSettings,
} from '../../shared/contract/entities';
import type { EngineEventListener, EventName, EventPayload } from '../../shared/contract/events';
import type { EngineApi, MethodRequest, MethodResponse, QueryImage } from '../../shared/contract/methods';
import { groupDuplicates } from '../../shared/duplicates/grouping';
import { clampThreshold, filterByKinds } from '../../shared/duplicates/policy';
import { indexFolders } from './indexing/indexer';
import { libraryFolderProblem, libraryFolderToRemove } from './library/folder-rules';
import { isSameOrInside, planLibraryRoots } from './library/library-roots';
import { loadDuplicateGraph } from './library/duplicate-graph';
import { loadClipTextModel, type ClipTextModel } from './model/clip-text-model';
import { loadClipVisionModel, modelCacheDir, type ClipVisionModel } from './model/clip-vision-model';
import { embedSearchQuery } from './model/embed-query';
import { describeModel } from './model/model-identity';
import { DEFAULT_MODEL, resolveModelSource } from './model/model-source';
import { acquireDataDirLock } from './platform/data-dir-lock';
import { ConcurrencyLimiter } from './platform/concurrency-limiter';
import { readSettings, writeSettings } from './platform/settings-file';
import { UploadStore } from './platform/upload-store';
import { openDatabase, type Database, type DatabaseTarget } from './store/database';
import { ContentIndex } from './store/content-index';
import { FolderStore } from './store/folder-store';
import { PairStore } from './store/pair-store';
import { PhotoStore } from './store/photo-store';
import { migrate } from './store/schema';
import {
  foldersHoldingThumbnails,
  thumbnailCacheFolder,
  thumbnailFolderProblem,
} from './thumbnails/thumbnail-folder';
import { ThumbnailService } from './thumbnails/thumbnail-service';
import { defaultTrashBin, type TrashBin } from './trash/trash-bin';
import { TrashGuard } from './trash/trash-guard';
import { UserError } from './user-error';
import { LibraryWatcher, type WatchedChange, type WatchTuning } from './watching/library-watcher';

export interface EngineOptions {
  dataDir: string;
  /** Who opens the data folder: shown to a second process that finds it locked. */
  role: string;
  /** Overrides settings.json for this process (CLI flags, environment). 'none' indexes without a model. */
  model?: string;
  /** Where `model` came from, for Settings to say why it is not the saved one (default: the command line). */
  modelOrigin?: Exclude<ModelOrigin, 'settings' | 'default'>;
  storage?: StorageSettings;
  trash?: TrashBin;
  batchSize?: number;
  /** Keep the library current while running (serve, the desktop app); one-shot CLI commands never watch. */
  watch?: boolean | WatchTuning;
}

/** The one engine behind the desktop app, `serve` and the CLI. Node only: it never imports electron. */
export class DoppelEngine implements EngineApi {
  private listeners = new Set<EngineEventListener>();
  private modelPromise: Promise<ClipVisionModel | null> | null = null;
  private textModelPromise: Promise<ClipTextModel> | null = null;
  /** The background re-embedding after a model change (tests and close() wait for it). */
  private reembedding: Promise<void> | null = null;
  private closing = false;
  private indexing: { controller: AbortController; progress: IndexProgress | null } | null = null;
  private lastErrors: IndexError[] = [];
  private watcher: LibraryWatcher | null = null;
  /** The index run the watcher started, if any: a user's run waits for it instead of being refused. */
  private watchedRun: Promise<unknown> | null = null;

  private constructor(
    private readonly options: EngineOptions,
    private settings: Settings,
    private readonly db: Database,
    private readonly lock: { release(): void; update(extra: { url?: string }): void },
    private readonly trashBin: TrashBin,
  ) {
    this.lastErrors = readLastErrors(options.dataDir);
    this.uploads = new UploadStore(options.dataDir);
    this.media = new ThumbnailService(
      new PhotoStore(db),
      () => this.thumbnailFolder(),
      () => this.settings.thumbnailCacheMaxMb * 1024 * 1024,
    );
  }

  private readonly photos = () => new PhotoStore(this.db);
  private readonly pairs = () => new PairStore(this.db);
  private readonly folders = () => new FolderStore(this.db);

  static async open(options: EngineOptions): Promise<DoppelEngine> {
    const dataDir = resolve(options.dataDir);
    const lock = acquireDataDirLock(dataDir, options.role);
    try {
      const settings = readSettings(dataDir);
      const storage = options.storage ?? settings.storage;
      const target: DatabaseTarget =
        storage.kind === 'embedded' ? { kind: 'embedded', path: join(dataDir, 'clickhouse') } : storage;
      const db = await openDatabase(target);
      await migrate(db);
      const engine = new DoppelEngine(
        { ...options, dataDir },
        settings,
        db,
        lock,
        options.trash ?? defaultTrashBin(),
      );
      if (options.watch) await engine.startWatching();
      void engine.sweepUploads();
      return engine;
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  get modelName(): string {
    return this.options.model ?? this.settings.model;
  }

  get modelOrigin(): ModelOrigin {
    if (this.options.model !== undefined) return this.options.modelOrigin ?? 'command-line';
    return this.settings.model === DEFAULT_MODEL ? 'default' : 'settings';
  }

  /** Pixels for the UI, served by URL (HTTP or the desktop's custom protocol), never over IPC. */
  readonly media: ThumbnailService;

  /** Let a second process know where this one answers (serve's URL). */
  advertise(url: string): void {
    this.lock.update({ url });
  }

  onEvent(listener: EngineEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  /** Loaded on first use: indexing and search need it, status and duplicates do not. */
  model(): Promise<ClipVisionModel | null> {
    if (!this.modelPromise) {
      const name = this.modelName;
      this.modelPromise =
        name === 'none'
          ? Promise.resolve(null)
          : loadClipVisionModel({
              source: resolveModelSource(name),
              cacheDir: modelCacheDir(this.options.dataDir),
              onDownload: (progress) => this.emit('modelDownload', progress),
            });
      this.modelPromise.catch(() => (this.modelPromise = null));
    }
    return this.modelPromise;
  }

  /** The text tower and tokenizer, loaded (or downloaded) on the first search by words. */
  private textModel(): Promise<ClipTextModel> {
    if (!this.textModelPromise) {
      this.textModelPromise = loadClipTextModel({
        source: resolveModelSource(this.modelName),
        cacheDir: modelCacheDir(this.options.dataDir),
        onDownload: (progress) => this.emit('modelDownload', progress),
      });
      this.textModelPromise.catch(() => (this.textModelPromise = null));
    }
    return this.textModelPromise;
  }

  /**
   * After a model change every photo needs the new model's vector (vectors of two models are never
   * compared): re-index the library's folders in the background, with the usual progress events.
   */
  private reembedLibrary(): void {
    // New calls load the new model at once; the old towers are freed once the run using them has stopped.
    const old = [this.modelPromise, this.textModelPromise];
    this.modelPromise = null;
    this.textModelPromise = null;
    const previous = this.reembedding ?? Promise.resolve();
    const run: Promise<void> = previous.then(async () => {
      this.indexing?.controller.abort();
      while (this.indexing) await new Promise((resolve) => setTimeout(resolve, 50));
      try {
        for (const model of old) await (await model?.catch(() => null))?.dispose().catch(() => undefined);
        // Inside the try: an early return must clear `reembedding` too, or idle() (and close()) spin forever.
        const paths = await this.folders().list();
        if (this.closing || paths.length === 0 || this.modelName === 'none') return;
        await this.runIndex(paths, true);
      } catch (error) {
        // Nobody awaits this run: the next search or index reports the same failure in the user's words.
        console.error(`doppel: re-embedding with ${this.modelName} failed: ${(error as Error).message}`);
      } finally {
        if (this.reembedding === run) this.reembedding = null;
      }
    });
    this.reembedding = run;
  }

  /** Where thumbnails go now: never scanned, even through a link in the library. */
  private thumbnailFolder(): string {
    return thumbnailCacheFolder(this.settings.thumbnailCacheDir, this.options.dataDir);
  }

  /** Watch the library folders; changes are indexed incrementally after a quiet moment, one run at a time. */
  private async startWatching(): Promise<void> {
    this.watcher = new LibraryWatcher({
      ...(typeof this.options.watch === 'object' ? this.options.watch : {}),
      folders: () => this.folders().list(),
      exclude: () => [this.options.dataDir, this.thumbnailFolder()],
      reindex: (changes) => this.indexWatchedChanges(changes),
      onError: (error) => console.error(`doppel: watching the library: ${(error as Error).message}`),
    });
    await this.watcher.refresh().catch((error: unknown) => {
      console.error(`doppel: cannot watch the library: ${(error as Error).message}`);
    });
  }

  private async indexWatchedChanges(changes: WatchedChange[]): Promise<void> {
    // A run the user (or a model change) started goes first; it may already have picked the change up.
    while (this.indexing) await new Promise((resolve) => setTimeout(resolve, 100));
    if (this.closing) return;
    // Never adds a folder: one removed since the change was seen is skipped, not brought back.
    // Only the changed subtrees are walked: one new photo must not mean a walk of a 1M-file share.
    const run = this.runIndex(
      changes.map((change) => change.folder),
      true,
      changes.flatMap((change) => change.subtrees),
    );
    this.watchedRun = run;
    try {
      await run;
    } finally {
      this.watchedRun = null;
    }
  }

  /** Resolves when no background re-embedding is running. */
  async idle(): Promise<void> {
    while (this.reembedding) await this.reembedding;
  }

  async status(): Promise<MethodResponse<'status'>> {
    const photos = this.photos();
    const folders = await this.folders().list();
    return {
      images: await photos.count(),
      model: this.modelName,
      modelOrigin: this.modelOrigin,
      storage: this.db.kind,
      dataDir: this.options.dataDir,
      folders: await Promise.all(
        folders.map(async (path) => ({ path, images: await photos.countUnder(path) })),
      ),
      indexing: this.indexing?.progress ?? null,
      lastErrors: this.lastErrors,
    };
  }

  async indexFolders(request: MethodRequest<'indexFolders'>): Promise<IndexResult> {
    return this.runIndex(request.paths, false);
  }

  /**
   * One index run. A folder that cannot be scanned (a drive not connected, a second name for a library
   * folder) is a per-folder error and the others still index; only a run where no requested folder can be
   * scanned fails whole, and only when the user asked for it. `onlyKnown`: the watcher or a re-embed, which
   * never add folders to the library.
   */
  private async runIndex(paths: string[], onlyKnown: boolean, onlyUnder?: string[]): Promise<IndexResult> {
    while (this.watchedRun) await this.watchedRun.catch(() => undefined);
    if (this.indexing)
      throw new UserError('busy', 'Indexing is already running: wait for it or cancel it first.');
    const controller = new AbortController();
    this.indexing = { controller, progress: null };
    try {
      const plan = planLibraryRoots(paths, await this.folders().list(), onlyKnown, (root, requested) =>
        libraryFolderProblem(root, this.options.dataDir, requested),
      );
      const holdingThumbnails = foldersHoldingThumbnails(
        plan.added,
        this.settings.thumbnailCacheDir,
        this.options.dataDir,
      );
      for (const refused of holdingThumbnails) {
        plan.added = plan.added.filter((root) => root !== refused.path);
        plan.roots = plan.roots.filter((root) => root !== refused.path);
        plan.errors.push(refused);
      }
      plan.absorbed = plan.absorbed.filter((folder) =>
        plan.added.some((root) => isSameOrInside(folder, root)),
      );
      if (plan.roots.length === 0 && plan.errors.length > 0 && !onlyKnown)
        throw new UserError(
          'folder',
          plan.errors
            .map(({ path, error }) => (error.startsWith(path) ? error : `${path} ${error}`))
            .join('\n'),
        );
      const folders = plan.roots;
      const model = await this.model();
      if (plan.added.length > 0) await this.folders().add(plan.added);
      for (const absorbed of plan.absorbed) await this.folders().remove(absorbed);
      void this.watcher?.refresh();
      const indexed =
        folders.length === 0
          ? { indexed: 0, skipped: 0, removed: 0, errors: [], cancelled: false, seconds: 0 }
          : await indexFolders(
              folders,
              {
                photos: this.photos(),
                pairs: this.pairs(),
                model,
                dataDir: this.options.dataDir,
                exclude: [this.thumbnailFolder()],
                batchSize: this.options.batchSize ?? 8,
                knownContent: await ContentIndex.load(this.db),
              },
              {
                signal: controller.signal,
                onlyUnder,
                onProgress: (progress) => {
                  if (this.indexing) this.indexing.progress = progress;
                  this.emit('indexProgress', progress);
                },
              },
            );
      const result = { ...indexed, errors: [...plan.errors, ...indexed.errors] };
      this.lastErrors = result.errors;
      writeLastErrors(this.options.dataDir, result.errors);
      this.emit('indexFinished', result);
      this.emit('libraryChanged', { reason: 'indexed' });
      return result;
    } finally {
      this.indexing = null;
    }
  }

  async cancelIndexing(): Promise<{ cancelled: boolean }> {
    if (!this.indexing) return { cancelled: false };
    this.indexing.controller.abort();
    return { cancelled: true };
  }

  /**
   * A running index is stopped and waited for first, and the removal holds the indexing slot: otherwise the
   * run would go on inserting rows under the folder after its rows were dropped.
   */
  async removeFolder(request: MethodRequest<'removeFolder'>): Promise<{ removed: number }> {
    const folder = libraryFolderToRemove(resolve(request.path), await this.folders().list());
    while (this.indexing || this.watchedRun) {
      this.indexing?.controller.abort();
      await (this.watchedRun?.catch(() => undefined) ?? new Promise((r) => setTimeout(r, 50)));
    }
    this.indexing = { controller: new AbortController(), progress: null };
    try {
      await this.folders().remove(folder);
      const paths = await this.photos().pathsUnder(folder);
      await this.photos().remove(paths);
      void this.watcher?.refresh();
      this.emit('libraryChanged', { reason: 'removed' });
      return { removed: paths.length };
    } finally {
      this.indexing = null;
    }
  }

  async listIndexErrors(): Promise<{ errors: IndexError[] }> {
    return { errors: this.lastErrors };
  }

  /**
   * Two searches at once, a few more waiting: each may decode a query photo and run the model, so a burst of
   * searches waits its turn instead of holding a decoded photo per request.
   */
  private readonly searchSlots = new ConcurrencyLimiter({
    limit: 2,
    maxWaiting: 16,
    busyMessage: 'Doppel is busy with other searches: try again in a moment.',
  });

  search(request: MethodRequest<'search'>): Promise<MethodResponse<'search'>> {
    return this.searchSlots.run(() => this.runSearch(request));
  }

  private async runSearch(request: MethodRequest<'search'>): Promise<MethodResponse<'search'>> {
    const model = await this.model();
    if (!model) throw new UserError('no-model', 'Search needs a model: run without --model none.');
    const vector = await embedSearchQuery(
      {
        imagePath: request.image ? this.queryImagePath(request.image) : undefined,
        text: request.text,
        plus: request.plus,
        minus: request.minus,
      },
      model,
      () => this.textModel(),
    );
    const results = await this.photos().nearest(model.id, vector, request.limit ?? 50, request.maxDistance);
    if (request.image && 'uploadId' in request.image) void this.sweepUploads();
    if (results.length === 0) await this.explainUnembeddedLibrary(model.id);
    return { results };
  }

  /** An empty answer because no photo has this model's vector yet is not "nothing looks alike". */
  private async explainUnembeddedLibrary(modelId: string): Promise<void> {
    const photos = this.photos();
    const total = await photos.count();
    if (total === 0 || (await photos.countWithModel(modelId)) > 0) return;
    throw new UserError(
      'not-embedded',
      `None of the ${total} photos in the library has been read with the model ${this.modelName} yet: ${this.reembedding ? 'they are being re-read now, try again in a moment' : 'run doppel index (or Rescan in Library) to re-read them'}.`,
    );
  }

  /** Bytes the browser uploaded for a query photo live in the data folder, never next to the library. */
  saveUpload(bytes: Buffer): Promise<string> {
    return this.uploads.save(bytes);
  }

  private readonly uploads: UploadStore;

  /** Uploads are kept a day (a search can be repeated), swept when the engine opens and after such a search. */
  private async sweepUploads(): Promise<void> {
    await this.uploads.sweep().catch((error: unknown) => {
      console.error(`doppel: cleaning old uploads: ${(error as Error).message}`);
    });
  }

  private queryImagePath(image: QueryImage): string {
    return 'path' in image ? resolve(image.path) : this.uploads.pathOf(image.uploadId);
  }

  async duplicateGraph(): Promise<MethodResponse<'duplicateGraph'>> {
    // No model load here: regrouping reads stored pairs only, so it works offline and before any download.
    const model =
      this.modelName === 'none' ? null : describeModel(this.modelName, modelCacheDir(this.options.dataDir));
    return loadDuplicateGraph(
      this.db,
      this.pairs(),
      model
        ? {
            id: model.id,
            maxDistance: model.thresholds.maxPairDistance,
            defaultThreshold: model.thresholds.defaultThreshold,
          }
        : null,
    );
  }

  async duplicates(request: MethodRequest<'duplicates'>): Promise<MethodResponse<'duplicates'>> {
    const graph = await this.duplicateGraph();
    const threshold = clampThreshold(graph, request.maxDistance);
    const groups = filterByKinds(groupDuplicates(graph, threshold), request.kinds);
    return { maxDistance: threshold, groups };
  }

  /** Only indexed files can be trashed: the API is not a way to delete arbitrary paths. */
  async trash(request: MethodRequest<'trash'>): Promise<MethodResponse<'trash'>> {
    const guard = await TrashGuard.load(this.db, request.paths);
    const trashed: string[] = [];
    const failed: IndexError[] = [];
    for (const path of request.paths) {
      // Checked right before each move: not in the library, changed since read, a second name of one file.
      const problem = await guard.problem(path);
      if (problem) {
        failed.push({ path, error: problem });
        continue;
      }
      try {
        await this.trashBin.moveToTrash(path);
        trashed.push(path);
      } catch (error) {
        failed.push({ path, error: `could not move to the trash: ${(error as Error).message}` });
      }
    }
    await this.photos().remove(trashed);
    if (trashed.length > 0) this.emit('libraryChanged', { reason: 'trashed' });
    return { trashed, failed };
  }

  async isIndexed(path: string): Promise<boolean> {
    return (await this.photos().hashesOf([path])).has(path);
  }

  async markNotDuplicates(request: MethodRequest<'markNotDuplicates'>): Promise<{ marked: number }> {
    const hashes = [...new Set((await this.photos().hashesOf(request.paths)).values())];
    const pairs: [string, string][] = [];
    for (let i = 0; i < hashes.length; i++)
      for (let j = i + 1; j < hashes.length; j++) pairs.push([hashes[i]!, hashes[j]!]);
    await this.pairs().dismiss(pairs);
    this.emit('libraryChanged', { reason: 'marked' });
    return { marked: pairs.length };
  }

  async getSettings(): Promise<Settings> {
    return this.settings;
  }

  async updateSettings(request: MethodRequest<'updateSettings'>): Promise<Settings> {
    const modelBefore = this.modelName;
    if (
      request.thumbnailCacheDir !== undefined &&
      request.thumbnailCacheDir !== this.settings.thumbnailCacheDir
    ) {
      const problem = thumbnailFolderProblem(
        request.thumbnailCacheDir,
        this.options.dataDir,
        await this.folders().list(),
      );
      if (problem) throw new UserError('thumbnail-folder', problem);
    }
    this.settings = { ...this.settings, ...request } as Settings;
    writeSettings(this.options.dataDir, this.settings);
    if (this.modelName !== modelBefore) this.reembedLibrary();
    this.emit('libraryChanged', { reason: 'settings' });
    return this.settings;
  }

  async testConnection(request: MethodRequest<'testConnection'>): Promise<MethodResponse<'testConnection'>> {
    try {
      const db = await openDatabase({ kind: 'server', server: ServerConfigSchema.parse(request.server) });
      await db.close();
      return { ok: true, version: db.version, error: null };
    } catch (error) {
      return { ok: false, version: null, error: (error as Error).message };
    }
  }

  /** Forget the loaded towers (a model change); the next use loads the new model. */
  private async disposeModels(): Promise<void> {
    const vision = this.modelPromise;
    const text = this.textModelPromise;
    this.modelPromise = null;
    this.textModelPromise = null;
    await (await vision?.catch(() => null))?.dispose().catch(() => undefined);
    await (await text?.catch(() => null))?.dispose().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.watcher?.close();
    this.indexing?.controller.abort();
    await this.watchedRun?.catch(() => undefined);
    await this.idle();
    await this.disposeModels();
    await this.db.close();
    this.lock.release();
  }
}

function readLastErrors(dataDir: string): IndexError[] {
  try {
    return JSON.parse(readFileSync(join(dataDir, 'last-index-errors.json'), 'utf8')) as IndexError[];
  } catch {
    return [];
  }
}

function writeLastErrors(dataDir: string, errors: IndexError[]): void {
  // The paths of the user's files: this user's only, like the data folder around it.
  writeFileSync(join(dataDir, 'last-index-errors.json'), JSON.stringify(errors, null, 2), { mode: 0o600 });
}
