import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelDownloadProgress } from '../../../shared/contract/entities';
import { ensureHubModel, hubModelDir } from './download/ensure-hub-model';
import { readManifest, writeManifest } from './download/model-manifest';
import type { ModelSource } from './model-source';

export interface ModelFolderOptions {
  source: ModelSource;
  files: readonly string[];
  cacheDir: string;
  onDownload?: (progress: ModelDownloadProgress) => void;
}

/** A folder holding `files`: the user's own folder as is, or the hub model downloaded and verified. */
export async function modelFolder(options: ModelFolderOptions): Promise<string> {
  const { source } = options;
  if (source.kind === 'local') return source.dir;
  return ensureHubModel({
    repo: source.repo,
    files: options.files,
    cacheDir: options.cacheDir,
    onProgress: options.onDownload,
  });
}

export function hasFiles(dir: string, files: readonly string[]): boolean {
  return files.every((file) => existsSync(join(dir, ...file.split('/'))));
}

/**
 * A downloaded file that passed its size check but that onnxruntime cannot load is struck from the
 * manifest, so the next run downloads it again instead of failing forever.
 */
export function forgetDownloadedFiles(source: ModelSource, cacheDir: string, files: readonly string[]): void {
  if (source.kind !== 'hub') return;
  const dir = hubModelDir(cacheDir, source.repo);
  const manifest = readManifest(dir, source.repo, 'main');
  for (const file of files) delete manifest.files[file];
  if (existsSync(dir)) writeManifest(dir, manifest);
}
