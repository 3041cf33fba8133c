import { statSync, watch } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isSupportedImagePath } from '../image/supported-formats';
import { ExcludedFolders } from '../indexing/excluded-folders';
import { ChangedDirectories } from './changed-directories';
import { watchDirectoryTree } from './directory-tree-watcher';

/** Timing knobs (tests shorten them; `nativeWatching: false` forces the rescan fallback). */
export interface WatchTuning {
  /** Quiet time after the last event before reindexing: a copy of 500 photos is one run, not 500. */
  quietMs?: number;
  /** Where no native watcher works (or it broke), how often to rescan instead. */
  rescanMs?: number;
  nativeWatching?: boolean;
}

export interface LibraryWatcherOptions extends WatchTuning {
  /** The library folders to watch (asked again on every `refresh()`). */
  folders: () => Promise<string[]>;
  /**
   * Bring these library folders up to date (the engine's incremental index), rescanning only the changed
   * subtrees of each ([folder] itself: the whole folder). Never called concurrently.
   */
  reindex: (changes: WatchedChange[]) => Promise<void>;
  /**
   * Never a reason to reindex, nor watched: the data folder (the database writes there) and the thumbnail
   * folder, wherever they live and however they are reached (by real path). Asked again for every event
   * and every new watch, so a thumbnail folder changed in Settings applies from then on.
   */
  exclude: () => string[];
  onError?: (error: unknown) => void;
}

export interface WatchedChange {
  folder: string;
  /** Topmost changed folders inside `folder` (or `folder` itself); a deleted one may no longer exist. */
  subtrees: string[];
}

export const DEFAULT_QUIET_MS = 2000;
export const DEFAULT_RESCAN_MS = 5 * 60 * 1000;

/**
 * Keeps the library current: a native recursive watcher per library folder (fs.watch; inotify on Linux,
 * FSEvents on macOS, ReadDirectoryChangesW on Windows), falling back to a periodic rescan where watching is
 * unavailable or fails (network shares, inotify limits). Events are debounced, then only the changed subtrees
 * are reindexed incrementally (a new photo rescans its folder, not the library): unchanged files are skipped
 * and moved files reuse their work by content hash, so only new or changed photos are decoded and embedded.
 * One run at a time; events during a run queue the next.
 */
export class LibraryWatcher {
  private watchers = new Map<string, { close(): void }>();
  private refreshing: Promise<void> = Promise.resolve();
  private polled = new Set<string>();
  private dirty = new ChangedDirectories();
  private timer: NodeJS.Timeout | null = null;
  private rescanTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private closed = false;
  private readonly quietMs: number;
  private readonly rescanMs: number;

  constructor(private readonly options: LibraryWatcherOptions) {
    this.quietMs = options.quietMs ?? DEFAULT_QUIET_MS;
    this.rescanMs = options.rescanMs ?? DEFAULT_RESCAN_MS;
  }

  private excluded(): ExcludedFolders {
    return new ExcludedFolders(this.options.exclude());
  }

  /** Folders watched natively, and those only rescanned periodically. */
  get mode(): { native: string[]; polled: string[] } {
    return { native: [...this.watchers.keys()], polled: [...this.polled] };
  }

  /** Start (or re-sync after folders were added or removed). Calls run one after another. */
  refresh(): Promise<void> {
    this.refreshing = this.refreshing
      .then(() => this.sync())
      .catch((error: unknown) => this.options.onError?.(error));
    return this.refreshing;
  }

  private async sync(): Promise<void> {
    if (this.closed) return;
    const folders = new Set((await this.options.folders()).map((folder) => resolve(folder)));
    for (const [folder, watcher] of this.watchers)
      if (!folders.has(folder)) {
        watcher.close();
        this.watchers.delete(folder);
      }
    for (const folder of this.polled) if (!folders.has(folder)) this.polled.delete(folder);
    // A folder removed from the library is not rescanned for changes seen before its removal.
    for (const folder of this.dirty.folders()) if (!folders.has(folder)) this.dirty.delete(folder);
    for (const folder of folders) {
      if (this.watchers.has(folder) || this.polled.has(folder)) continue;
      if (!(await this.watchNatively(folder))) this.polled.add(folder);
    }
    this.scheduleRescan();
  }

  private async watchNatively(folder: string): Promise<boolean> {
    if (this.options.nativeWatching === false) return false;
    try {
      const watcher =
        process.platform === 'linux'
          ? await watchDirectoryTree(folder, {
              exclude: this.options.exclude(),
              onChange: (path) => this.onEvent(folder, path),
              onError: (error) => this.watchFailed(folder, error),
            })
          : this.watchRecursively(folder);
      if (this.closed) watcher.close();
      else this.watchers.set(folder, watcher);
      return true;
    } catch (error) {
      this.options.onError?.(error);
      return false;
    }
  }

  /** FSEvents (macOS) and ReadDirectoryChangesW (Windows) watch a whole tree with one handle. */
  private watchRecursively(folder: string): { close(): void } {
    const watcher = watch(folder, { recursive: true, persistent: false }, (_event, name) =>
      this.onEvent(folder, name ? join(folder, name.toString()) : folder),
    );
    watcher.on('error', (error) => this.watchFailed(folder, error));
    return watcher;
  }

  /** The folder vanished, or the OS ran out of watches: keep it current by rescanning instead. */
  private watchFailed(folder: string, error: unknown): void {
    this.options.onError?.(error);
    const code = (error as NodeJS.ErrnoException).code;
    if (process.platform === 'linux' && code !== 'ENOSPC' && code !== 'EMFILE') return; // one folder's watch
    this.watchers.get(folder)?.close();
    this.watchers.delete(folder);
    if (this.closed) return;
    this.polled.add(folder);
    this.scheduleRescan();
    this.markDirty(folder);
  }

  private onEvent(folder: string, path: string): void {
    if (this.isIgnored(folder, path)) return;
    const dir = changedDirectory(path);
    if (dir !== null) this.markDirty(folder, path === folder ? folder : dir);
  }

  /** Hidden files and folders are never indexed, and the data folder changes on every database write. */
  private isIgnored(folder: string, path: string): boolean {
    if (this.excluded().covers(path)) return true;
    const inside = relative(folder, path);
    if (inside.startsWith('..') || isAbsolute(inside)) return false;
    return inside.split(sep).some((part) => part.startsWith('.'));
  }

  /** `dir` (default: the whole library folder) is rescanned, recursively, in the next run. */
  private markDirty(folder: string, dir: string = folder): void {
    if (this.closed) return;
    this.dirty.add(folder, dir);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.quietMs);
    this.timer.unref?.();
  }

  private scheduleRescan(): void {
    if (this.rescanTimer || this.polled.size === 0 || this.closed) return;
    this.rescanTimer = setInterval(() => {
      for (const folder of this.polled) this.markDirty(folder);
    }, this.rescanMs);
    this.rescanTimer.unref?.();
  }

  private async flush(): Promise<void> {
    this.timer = null;
    if (this.closed || this.dirty.size === 0) return;
    if (this.running) {
      // Let the current run finish; the events that arrived meanwhile get their own run right after.
      await this.running.catch(() => undefined);
      if (!this.timer) this.timer = setTimeout(() => void this.flush(), 0);
      return;
    }
    const changes = this.dirty.take();
    this.running = this.options.reindex(changes).catch((error: unknown) => {
      this.options.onError?.(error);
    });
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }

  /** Resolves when no reindex is waiting or running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running || this.timer) await (this.running ?? new Promise((r) => setTimeout(r, 50)));
  }

  close(): void {
    this.closed = true;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
    if (this.timer) clearTimeout(this.timer);
    if (this.rescanTimer) clearInterval(this.rescanTimer);
    this.timer = null;
    this.rescanTimer = null;
  }
}

/** Looks like a file with an extension (notes.txt, catalog.lrcat, IMG_1.xmp), rather than a folder name. */
const OTHER_FILE = /\.[A-Za-z0-9]{1,5}$/;

/**
 * The folder to rescan for an event, or null when it cannot change the library. A photo: its folder. A
 * folder that is there (created, moved in, its entries changed): that folder, recursively, since whatever
 * it holds may be new. Something gone that could have been a folder (deleted, moved away): its parent, whose
 * rescan sees every photo that was under it as vanished. Sidecars and catalogs that editors rewrite all the
 * time (.xmp, .lrcat) never trigger a rescan.
 */
function changedDirectory(path: string): string | null {
  if (isSupportedImagePath(path)) return dirname(path);
  try {
    return statSync(path).isDirectory() ? path : OTHER_FILE.test(basename(path)) ? null : dirname(path);
  } catch {
    return OTHER_FILE.test(basename(path)) ? null : dirname(path); // a vanished non-photo file: nothing
  }
}
