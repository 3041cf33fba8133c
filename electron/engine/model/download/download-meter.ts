import type { ModelDownloadProgress } from '../../../../shared/contract/entities';

const windowMs = 3000;
const emitEveryMs = 200;

/**
 * Bytes, speed and ETA across every file of one model download. Speed is measured over the last few
 * seconds of this run only, so bytes resumed from an earlier run do not inflate it.
 */
export class DownloadMeter {
  private loaded = 0;
  private samples: { at: number; loaded: number }[] = [];
  private lastEmit = -Infinity;

  constructor(
    private readonly totalBytes: number | null,
    private readonly onProgress: ((progress: ModelDownloadProgress) => void) | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Bytes already on disk (a resumed partial file or a file verified earlier): counted, not timed. */
  skip(bytes: number, file: string): void {
    this.loaded += bytes;
    this.samples = [];
    this.emit(file, true);
  }

  add(bytes: number, file: string): void {
    this.loaded += bytes;
    this.emit(file, false);
  }

  /** A restarted file takes its bytes back out of the total so the bar never runs past 100%. */
  discard(bytes: number): void {
    this.loaded = Math.max(0, this.loaded - bytes);
    this.samples = [];
  }

  finish(file: string): void {
    this.emit(file, true);
  }

  private emit(file: string, force: boolean): void {
    const at = this.now();
    this.samples.push({ at, loaded: this.loaded });
    while (this.samples.length > 2 && at - this.samples[0]!.at > windowMs) this.samples.shift();
    if (!this.onProgress || (!force && at - this.lastEmit < emitEveryMs)) return;
    this.lastEmit = at;
    const first = this.samples[0]!;
    const seconds = (at - first.at) / 1000;
    const bytesPerSecond = seconds > 0 ? (this.loaded - first.loaded) / seconds : 0;
    const remaining = this.totalBytes === null ? null : Math.max(0, this.totalBytes - this.loaded);
    const etaSeconds =
      remaining === null
        ? null
        : remaining === 0
          ? 0
          : bytesPerSecond > 0
            ? remaining / bytesPerSecond
            : null;
    this.onProgress({
      file,
      loadedBytes: this.loaded,
      totalBytes: this.totalBytes,
      bytesPerSecond,
      etaSeconds,
    });
  }
}
