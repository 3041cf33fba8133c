import type { ModelDownloadProgress } from '../../../shared/contract/entities';
import { UserError } from '../user-error';

/** Where the vision tower is: what the similar stage waits for, in a state the status can put in words. */
export type ModelState =
  | { kind: 'none' }
  /** Not asked for yet (nothing needed it), or loading from disk. */
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'downloading'; loadedBytes: number; totalBytes: number | null }
  | { kind: 'ready' }
  /** The hub could not be reached (offline, a firewall, the hub down): tried again at `retryAt`. */
  | { kind: 'unreachable'; message: string; retryAt: number | null }
  /** Cannot work until the user acts (not a model folder, a file missing from it). */
  | { kind: 'failed'; message: string };

/** Waits between attempts to fetch an unreachable model: soon at first, then every quarter hour. */
export const RETRY_DELAYS_MS = [30_000, 60_000, 120_000, 300_000, 600_000, 900_000] as const;

/** Failures that may pass by themselves (the network, the hub): tried again later without the user. */
const PASSING_FAILURES = new Set(['model-offline', 'model-download-interrupted', 'model-download-corrupt']);

/**
 * The model's state over its loads: the holder reports each load and download; the status and the retry
 * timer read it. One attempt counter per model: the waits grow while the hub stays unreachable.
 */
export class ModelAvailability {
  private current: ModelState = { kind: 'idle' };
  /** The download's real size once a hub told it (kept across attempts: the next message can say it). */
  private knownBytes: number | null = null;
  private failures = 0;
  private readonly listeners = new Set<(state: ModelState) => void>();

  constructor(private readonly retryDelaysMs: readonly number[] = RETRY_DELAYS_MS) {}

  get state(): ModelState {
    return this.current;
  }

  /** The model's download size when known (bytes), for the words. */
  get sizeBytes(): number | null {
    return this.knownBytes;
  }

  onChange(listener: (state: ModelState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The model changed (or is 'none'): the old one's failures and size say nothing about it. */
  reset(none: boolean): void {
    this.failures = 0;
    this.knownBytes = null;
    this.set(none ? { kind: 'none' } : { kind: 'idle' });
  }

  loading(): void {
    this.set({ kind: 'loading' });
  }

  downloading(progress: ModelDownloadProgress): void {
    if (progress.totalBytes !== null) this.knownBytes = progress.totalBytes;
    this.set({ kind: 'downloading', loadedBytes: progress.loadedBytes, totalBytes: progress.totalBytes });
  }

  ready(): void {
    this.failures = 0;
    this.set({ kind: 'ready' });
  }

  /** A failed load: passing (retried after the next delay, returned) or lasting (null: no retry). */
  failed(error: unknown, hubModel: boolean, now = Date.now()): number | null {
    const code = error instanceof UserError ? error.code : null;
    const passing =
      (code !== null && PASSING_FAILURES.has(code)) || (hubModel && code === 'model-unloadable');
    const message = error instanceof Error ? error.message : String(error);
    if (!passing) {
      this.set({ kind: 'failed', message });
      return null;
    }
    const delay = this.retryDelaysMs[Math.min(this.failures, this.retryDelaysMs.length - 1)]!;
    this.failures++;
    this.set({ kind: 'unreachable', message, retryAt: now + delay });
    return delay;
  }

  private set(state: ModelState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}

/**
 * Why the similar stage waits or failed, in a photographer's words ("Finding similar shots needs the image
 * model (351 MB): downloading 41%"); null when the model is there. The size is the hub's, when known.
 */
export function similarStageReason(
  state: ModelState,
  sizeBytes: number | null,
  now = Date.now(),
): string | null {
  const size = sizeBytes === null ? '' : ` (${megabytes(sizeBytes)})`;
  const needs = `Finding similar shots needs the image model${size}`;
  switch (state.kind) {
    case 'none':
      return 'Finding similar shots is off: no image model is chosen (identical copies and the same picture are still found).';
    case 'downloading': {
      const total = state.totalBytes;
      if (total === null || total === 0)
        return `${needs}: downloading, ${megabytes(state.loadedBytes)} so far`;
      return `Finding similar shots needs the image model (${megabytes(total)}): downloading ${Math.floor((100 * state.loadedBytes) / total)}%`;
    }
    case 'loading':
      return `${needs}: loading it`;
    case 'unreachable':
      return `${needs}: offline, will retry${state.retryAt === null ? '' : ` ${inWords(state.retryAt - now)}`}`;
    case 'failed':
      return `${needs}, which cannot be used: ${state.message}`;
    default:
      return null;
  }
}

function megabytes(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / 1_000_000))} MB`;
}

function inWords(ms: number): string {
  if (ms <= 1000) return 'now';
  const seconds = Math.round(ms / 1000);
  return seconds < 90 ? `in ${seconds} s` : `in ${Math.round(seconds / 60)} min`;
}
