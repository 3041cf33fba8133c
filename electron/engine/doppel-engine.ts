import { realpath } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import {
  ServerConfigSchema,
  type IndexError,
  type IndexResult,
  type ModelOrigin,
  type Settings,
  type StorageSettings,
} from '../../shared/contract/entities';
import { KeeperRuleSchema } from '../../shared/contract/keeper-rule';
import type { EngineEventListener, EventName, EventPayload } from '../../shared/contract/events';
import type { EngineApi, MethodRequest, MethodResponse } from '../../shared/contract/methods';
import { groupDuplicates } from '../../shared/duplicates/grouping';
import { livesElsewhereSentence, parseForeignPath } from '../../shared/machines/machine-paths';
import { clampThreshold, filterByKinds } from '../../shared/duplicates/policy';
import { chosenSamePictureLevel } from '../../shared/duplicates/same-picture-levels';
import { LastIndexErrors } from './indexing/last-index-errors';
import { loadDuplicateGraph } from './library/duplicate-graph';
import { libraryFolderToRemove } from './library/folder-rules';
import { LibraryFolders } from './library/library-folders';
import { modelCacheDir, type ClipVisionModel } from './model/clip-vision-model';
import { ModelHolder, type ModelHolderOptions } from './model/model-holder';
import { DEFAULT_MODEL } from './model/model-source';
import { acquireDataDirLock, type DataDirLock, type LockOwner } from './platform/data-dir-lock';
import { machineIdentity, type MachineIdentity } from './platform/machine-identity';
import { readSettings, writeSettings } from './platform/settings-file';
import { UploadStore } from './platform/upload-store';
import { LibraryRuns } from './runs/library-runs';
import { PhotoSearch } from './search/photo-search';
import { machineScope, openDatabase, type Database, type DatabaseTarget } from './store/database';
import { registerMachine } from './store/machine-store';
import { PairStore } from './store/pair-store';
import { PhotoStore } from './store/photo-store';
import { migrate } from './store/schema';
import { thumbnailCacheFolder, thumbnailFolderProblem } from './thumbnails/thumbnail-folder';
import { ThumbnailService } from './thumbnails/thumbnail-service';
import { defaultTrashBin, type TrashBin } from './trash/trash-bin';
import { keepCopiesMetadata } from './metadata/keep-metadata';
import { readPhotoMetadata } from './metadata/photo-metadata';
import { moveDestinationProblem } from './trash/move-destination';
import { movePhotos } from './trash/move-photos';
import { restoreTrashed } from './trash/restore-trashed';
import { TrashLog } from './trash/trash-log';
import { trashPhotos } from './trash/trash-photos';
import { UserError } from './user-error';
import { LibraryWatcher, type WatchedChange, type WatchTuning } from './watching/library-watcher';

/** The folders restored files are back in, per library folder, for an incremental index of just those. */
function restoredChanges(paths: string[], folders: string[]): WatchedChange[] {
  const changes: WatchedChange[] = [];
  for (const folder of folders) {
    const under = paths.filter((path) => path.startsWith(folder.endsWith(sep) ? folder : folder + sep));
    if (under.length > 0)
      changes.push({ folder, subtrees: [...new Set(under.map((path) => dirname(path)))] });
  }
  return changes;
}

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
  /**
   * Long-lived hosts: finish pending stages on open, never hold an index run for the model's download
   * (photos are embedded once it arrives, retried while it cannot be fetched). Default: with `watch`.
   */
  embedInBackground?: boolean;
  /** Waits between attempts to fetch an unreachable model (tests shorten them). */
  modelRetryDelaysMs?: readonly number[];
  /** Loads the vision tower (tests pass one whose embedding they can hold). */
  loadVision?: ModelHolderOptions['loadVision'];
}

/**
 * The one engine behind the desktop app, `serve` and the CLI: a facade over the library's runs (one queue),
 * the model, the library folders, search, duplicates and trash. Node only: it never imports electron.
 */
export class DoppelEngine implements EngineApi {
  private listeners = new Set<EngineEventListener>();
  private watcher: LibraryWatcher | null = null;
  private readonly models: ModelHolder;
  private readonly libraryFolders: LibraryFolders;
  private readonly lastErrors: LastIndexErrors;
  private readonly runs: LibraryRuns;
  private readonly uploads: UploadStore;
  private readonly photoSearch: PhotoSearch;
  private readonly trashLog: TrashLog;

  private constructor(
    private readonly options: EngineOptions,
    private settings: Settings,
    private readonly db: Database,
    private readonly lock: DataDirLock,
    private readonly trashBin: TrashBin,
    private readonly machine: MachineIdentity,
  ) {
    const { dataDir } = options;
    this.lastErrors = new LastIndexErrors(dataDir);
    this.trashLog = new TrashLog(dataDir);
    this.uploads = new UploadStore(dataDir);
    this.models = new ModelHolder({
      modelName: () => this.modelName,
      cacheDir: modelCacheDir(dataDir),
      onDownload: (progress) => this.emit('modelDownload', progress),
      retryDelaysMs: options.modelRetryDelaysMs,
      loadVision: options.loadVision,
    });
    this.libraryFolders = new LibraryFolders({
      db,
      dataDir,
      thumbnailCacheDir: () => this.settings.thumbnailCacheDir,
    });
    this.runs = new LibraryRuns({
      db,
      dataDir,
      batchSize: options.batchSize ?? 8,
      folders: this.libraryFolders,
      models: this.models,
      lastErrors: this.lastErrors,
      emit: (event, payload) => this.emit(event, payload),
      foldersChanged: () => void this.watcher?.refresh(),
      thumbnailFolder: () => this.thumbnailFolder(),
      embedInBackground: options.embedInBackground ?? Boolean(options.watch),
    });
    this.photoSearch = new PhotoSearch({
      db,
      models: this.models,
      uploads: this.uploads,
    });
    this.media = new ThumbnailService(
      new PhotoStore(db),
      () => this.thumbnailFolder(),
      () => this.settings.thumbnailCacheMaxMb * 1024 * 1024,
    );
  }

  private readonly photos = () => new PhotoStore(this.db);
  private readonly pairs = () => new PairStore(this.db);

  static async open(options: EngineOptions): Promise<DoppelEngine> {
    const dataDir = resolve(options.dataDir);
    const lock = acquireDataDirLock(dataDir, options.role);
    try {
      const settings = readSettings(dataDir);
      const storage = options.storage ?? settings.storage;
      const target: DatabaseTarget =
        storage.kind === 'embedded' ? { kind: 'embedded', path: join(dataDir, 'clickhouse') } : storage;
      const machine = machineIdentity(dataDir);
      const db = await openDatabase(target);
      await migrate(db);
      // Which computer this is among those sharing the index: its photos and folders are its own.
      db.machine = await registerMachine(db, machine).catch(async (error: unknown) => {
        await db.close();
        throw error;
      });
      const engine = new DoppelEngine(
        { ...options, dataDir },
        settings,
        db,
        lock,
        options.trash ?? defaultTrashBin(),
        machine,
      );
      if (options.watch) await engine.startWatching();
      if (options.embedInBackground ?? options.watch) await engine.runs.resumeOnOpen();
      void engine.uploads.sweepQuietly();
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

  /** Let a second process know where this one answers (serve's URL) and how to hand it a command. */
  advertise(where: Pick<LockOwner, 'url' | 'handoff'>): void {
    this.lock.update(where);
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
    return this.models.visionModel();
  }

  /** Where thumbnails go now: never scanned, even through a link in the library. */
  private thumbnailFolder(): string {
    return thumbnailCacheFolder(this.settings.thumbnailCacheDir, this.options.dataDir);
  }

  /** Watch the library folders; changes are indexed incrementally after a quiet moment, one run at a time. */
  private async startWatching(): Promise<void> {
    this.watcher = new LibraryWatcher({
      ...(typeof this.options.watch === 'object' ? this.options.watch : {}),
      folders: () => this.libraryFolders.list(),
      exclude: () => [this.options.dataDir, this.thumbnailFolder()],
      // A run the user (or a model change) started goes first; it may already have picked the change up.
      reindex: (changes) => this.runs.indexWatchedChanges(changes),
      onError: (error) => console.error(`doppel: watching the library: ${(error as Error).message}`),
    });
    await this.watcher.refresh().catch((error: unknown) => {
      console.error(`doppel: cannot watch the library: ${(error as Error).message}`);
    });
  }

  /** Resolves when no run (a background re-embedding, the watcher's) is running or waiting. */
  idle(): Promise<void> {
    return this.runs.idle();
  }

  /** Every computer's photos and folders (a shared index), this one's stages. */
  async status(): Promise<MethodResponse<'status'>> {
    const photos = this.photos();
    const folders = await this.libraryFolders.listEverywhere();
    return {
      images: await photos.count(),
      model: this.modelName,
      modelOrigin: this.modelOrigin,
      storage: this.db.kind,
      dataDir: this.options.dataDir,
      folders: await Promise.all(
        folders.map(async ({ path, protected: isProtected, machine }) => ({
          path,
          images: await photos.countUnder(path),
          protected: isProtected,
          ...(machine === undefined ? {} : { machine }),
        })),
      ),
      indexing: this.runs.progress,
      lastErrors: this.lastErrors.list,
      stages: await this.runs.stages(),
      ...(this.db.kind === 'server' ? { machine: { id: this.machine.id, name: this.machine.name } } : {}),
    };
  }

  /**
   * Refuses an action on another computer's photo (an index shared on a server), naming where it lives:
   * the file is there, not here, and a path of its must never reach this computer's disk.
   */
  private async refuseElsewhere(path: string, action: string): Promise<string | null> {
    const owner = parseForeignPath(path)?.machineId;
    return owner === undefined
      ? null
      : livesElsewhereSentence(await machineScope(this.db).nameOf(owner), action);
  }

  /** Waits for a run the watcher started; refused while another user's run or a re-embed is going. */
  async indexFolders(request: MethodRequest<'indexFolders'>): Promise<IndexResult> {
    return this.runs.indexFolders(request.paths);
  }

  async cancelIndexing(): Promise<{ cancelled: boolean }> {
    return this.runs.cancelIndexing();
  }

  /** Stops a running index and waits for it, then removes the folder's photos holding the run queue. */
  async removeFolder(request: MethodRequest<'removeFolder'>): Promise<{ removed: number }> {
    const folder = libraryFolderToRemove(resolve(request.path), await this.libraryFolders.list());
    return this.runs.removeFolder(folder);
  }

  /** Protects a library folder (or lifts it): the trash guard and every keeper suggestion follow at once. */
  async protectFolder(request: MethodRequest<'protectFolder'>): Promise<MethodResponse<'protectFolder'>> {
    const path = await this.libraryFolders.setProtected(resolve(request.path), request.protected);
    this.emit('libraryChanged', { reason: 'settings' });
    return { path, protected: request.protected };
  }

  async listIndexErrors(): Promise<{ errors: IndexError[] }> {
    return { errors: this.lastErrors.list };
  }

  search(request: MethodRequest<'search'>): Promise<MethodResponse<'search'>> {
    return this.photoSearch.search(request);
  }

  /** Bytes the browser uploaded for a query photo live in the data folder, never next to the library. */
  saveUpload(bytes: Buffer): Promise<string> {
    return this.uploads.save(bytes);
  }

  async duplicateGraph(): Promise<MethodResponse<'duplicateGraph'>> {
    // No model load here: regrouping reads stored pairs only, so it works offline and before any download.
    const model = this.models.identity();
    const graph = await loadDuplicateGraph(
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
    // What decides the keeper travels with the graph: every face groups it with the same rule, and a change
    // to either reaches the screen with the next graph, without a rescan.
    graph.protectedFolders = await this.libraryFolders.protectedFolders();
    if (this.settings.keeperRule) graph.keeperRule = this.settings.keeperRule;
    return graph;
  }

  async duplicates(request: MethodRequest<'duplicates'>): Promise<MethodResponse<'duplicates'>> {
    const graph = await this.duplicateGraph();
    if (request.keeperRule) graph.keeperRule = KeeperRuleSchema.parse(request.keeperRule);
    const threshold = clampThreshold(graph, request.maxDistance);
    const samePicture = chosenSamePictureLevel(request.samePicture);
    const groups = filterByKinds(groupDuplicates(graph, threshold, samePicture), request.kinds);
    return { maxDistance: threshold, samePicture, groups };
  }

  /** Only indexed files can be trashed: the API is not a way to delete arbitrary paths. */
  async trash(request: MethodRequest<'trash'>): Promise<MethodResponse<'trash'>> {
    const result = await trashPhotos(this.db, this.trashBin, request.paths, this.trashLog);
    if (result.trashed.length > 0) this.emit('libraryChanged', { reason: 'trashed' });
    return result;
  }

  /** Only library photos: the method is not a way to write files beside arbitrary paths. */
  async keepMetadata(request: MethodRequest<'keepMetadata'>): Promise<MethodResponse<'keepMetadata'>> {
    const all = request.sets.flatMap((set) => [set.keeper, ...set.copies]);
    const known = await this.photos().hashesOf(all);
    const result: MethodResponse<'keepMetadata'> = { kept: [], failed: [] };
    for (const { keeper, copies } of request.sets) {
      const stranger = [keeper, ...copies].find((path) => !known.has(path));
      if (stranger !== undefined) {
        result.failed.push({ path: keeper, error: `${stranger} is not in the library` });
        continue;
      }
      // The sidecar goes beside the keeper and is read from the copies: all of them must be here.
      const elsewhere = [keeper, ...copies].find((path) => parseForeignPath(path) !== null);
      if (elsewhere !== undefined) {
        const error = await this.refuseElsewhere(elsewhere, 'keep its metadata');
        result.failed.push({ path: keeper, error: error! });
        continue;
      }
      try {
        const kept = await keepCopiesMetadata(
          keeper,
          copies.filter((copy) => copy !== keeper),
          readPhotoMetadata,
        );
        if (kept) result.kept.push(kept);
      } catch (error) {
        result.failed.push({
          path: keeper,
          error: `its metadata could not be kept: ${(error as Error).message}`,
        });
      }
    }
    return result;
  }

  /** Moves photos out of the library into a folder of the user's, with the trash's checks (see movePhotos). */
  async moveToFolder(request: MethodRequest<'moveToFolder'>): Promise<MethodResponse<'moveToFolder'>> {
    const problem = await moveDestinationProblem(request.destination, {
      libraryFolders: await this.libraryFolders.list(),
      dataDir: this.options.dataDir,
      thumbnailFolder: this.thumbnailFolder(),
    });
    if (problem) throw new UserError('folder', `${problem}.`);
    const result = await movePhotos(this.db, request.paths, await realpath(resolve(request.destination)));
    if (result.moved.length > 0) this.emit('libraryChanged', { reason: 'trashed' });
    return result;
  }

  /**
   * Undo: puts back only what this Doppel trashed from this data folder (its log), never over a file there
   * now, then indexes the folders they are back in, so their rows return before the answer does.
   */
  async restoreTrashed(request: MethodRequest<'restoreTrashed'>): Promise<MethodResponse<'restoreTrashed'>> {
    const result = await restoreTrashed(this.trashLog, request.actionIds);
    const changes = restoredChanges(result.restored, await this.libraryFolders.list());
    if (changes.length > 0) await this.runs.indexWatchedChanges(changes);
    return result;
  }

  /** A photo of this computer's library (another computer's is not a file here to show). */
  async isIndexed(path: string): Promise<boolean> {
    if (parseForeignPath(path)) return false;
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
        await this.libraryFolders.list(),
      );
      if (problem) throw new UserError('thumbnail-folder', problem);
    }
    this.settings = { ...this.settings, ...request } as Settings;
    writeSettings(this.options.dataDir, this.settings);
    if (this.modelName !== modelBefore) this.runs.reembedLibrary(this.models.swap());
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

  async close(): Promise<void> {
    this.watcher?.close();
    await this.runs.close();
    await this.models.dispose();
    await this.db.close();
    this.lock.release();
  }
}
