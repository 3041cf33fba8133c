import { join } from 'node:path';
import type { ModelDownloadProgress } from '../../../../shared/contract/entities';
import { UserError } from '../../user-error';
import { downloadFile, DownloadCorruptError, DownloadInterruptedError } from './download-file';
import { DownloadMeter } from './download-meter';
import { DEFAULT_REVISION, hubFileUrl, modelHost } from './hub-location';
import { isVerified, readManifest, writeManifest } from './model-manifest';
import { describeRemoteFile, type RemoteFileInfo } from './remote-file';

export interface EnsureHubModelOptions {
  repo: string;
  /** Paths inside the repo, e.g. `onnx/vision_model.onnx`. */
  files: readonly string[];
  /** The app's model folder (`<dataDir>/models`); the model lands in `<cacheDir>/<repo>/`. */
  cacheDir: string;
  host?: string;
  revision?: string;
  onProgress?: (progress: ModelDownloadProgress) => void;
  /** Extra attempts (each resuming) after a dropped connection within one call. */
  retries?: number;
  signal?: AbortSignal;
}

export function hubModelDir(cacheDir: string, repo: string): string {
  return join(cacheDir, ...repo.split('/'));
}

// Two loads of one model (vision and text towers) must not write its manifest at the same time.
const queues = new Map<string, Promise<unknown>>();

/**
 * Make `files` of a hub model present and verified in the data folder, downloading what is missing, and
 * return the folder, ready for transformers.js with `local_files_only`. With every file verified it never
 * touches the network, so a downloaded model keeps working offline.
 */
export function ensureHubModel(options: EnsureHubModelOptions): Promise<string> {
  const dir = hubModelDir(options.cacheDir, options.repo);
  const previous = queues.get(dir) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => ensureNow(dir, options));
  queues.set(dir, next);
  return next;
}

async function ensureNow(dir: string, options: EnsureHubModelOptions): Promise<string> {
  const revision = options.revision ?? DEFAULT_REVISION;
  const host = options.host ?? modelHost();
  const manifest = readManifest(dir, options.repo, revision);
  const missing = options.files.filter((file) => !isVerified(dir, manifest, file));
  if (missing.length === 0) return dir;

  let remotes: RemoteFileInfo[];
  try {
    remotes = await Promise.all(
      missing.map((file) =>
        describeRemoteFile(hubFileUrl(host, options.repo, revision, file), options.signal),
      ),
    );
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      'model-offline',
      `Cannot download the model ${options.repo} from ${host} (${describeCause(error)}). Offline? Pass --model DIR with a downloaded model folder (or choose one in Settings).`,
    );
  }
  const sizes = remotes.map((remote) => remote.size);
  const total = sizes.every((size) => size !== null) ? sizes.reduce((a, b) => a! + b!, 0)! : null;
  const meter = new DownloadMeter(total, options.onProgress);
  for (let i = 0; i < missing.length; i++) {
    const file = missing[i]!;
    const verified = await downloadWithRetries(
      remotes[i]!,
      join(dir, ...file.split('/')),
      meter,
      file,
      options,
    );
    manifest.files[file] = verified;
    writeManifest(dir, manifest);
  }
  return dir;
}

async function downloadWithRetries(
  remote: RemoteFileInfo,
  target: string,
  meter: DownloadMeter,
  file: string,
  options: EnsureHubModelOptions,
): Promise<{ size: number; sha256: string }> {
  const retries = options.retries ?? 3;
  let corruptOnce = false;
  for (let attempt = 0; ; attempt++) {
    try {
      return await downloadFile(remote, target, meter, file, options.signal);
    } catch (error) {
      if (error instanceof DownloadCorruptError && !corruptOnce) {
        corruptOnce = true; // a resume across a changed file: the partial is gone, fetch it afresh once
        continue;
      }
      if (error instanceof DownloadCorruptError) {
        throw new UserError(
          'model-download-corrupt',
          `The model file ${file} of ${options.repo} arrived damaged twice (its checksum differs from the hub's). Try again later, or pass --model DIR with a downloaded model folder.`,
        );
      }
      if (error instanceof DownloadInterruptedError && attempt < retries) continue;
      if (error instanceof DownloadInterruptedError) {
        throw new UserError(
          'model-download-interrupted',
          `The download of the model ${options.repo} was interrupted (${error.message}). Run Doppel again to resume it.`,
        );
      }
      throw error;
    }
  }
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
