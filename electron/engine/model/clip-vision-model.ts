import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { ModelDownloadProgress } from '../../../shared/contract/entities';
import { UserError } from '../user-error';
import type { ClipPreprocessing } from './clip-preprocessing';
import { forgetDownloadedFiles, modelFolder } from './model-folder';
import { DEFAULT_PRECISION, visionFiles, type ModelPrecision } from './model-precision';
import type { ModelSource } from './model-source';
import type { ModelThresholds } from './model-thresholds';
import { loadVisionOffThread } from './off-thread-vision-model';
import { loadVisionInThread, type VisionLoadRequest } from './vision-model-in-thread';

export interface ClipVisionModel {
  id: string;
  /** Projection width, read from the model's output (never assumed). */
  dims: number;
  preprocessing: ClipPreprocessing;
  thresholds: ModelThresholds;
  /**
   * The thread that runs the inference (worker_threads' threadId): a worker's own, not the engine's, so an
   * inference never holds up thumbnails and API answers (see off-thread-vision-model.ts).
   */
  inferenceThreadId?: number;
  /** Embed `count` photos already written into `pixelValues` (NCHW); returns unit-length vectors. */
  embed(pixelValues: Float32Array, count: number): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

export interface LoadOptions {
  source: ModelSource;
  /** Hub downloads land here (the app's data folder), never in the package folder. */
  cacheDir: string;
  onDownload?: (progress: ModelDownloadProgress) => void;
  threads?: number;
  /** fp32 unless a benchmark shows another precision keeps duplicate detection intact. */
  precision?: ModelPrecision;
}

export async function loadClipVisionModel(options: LoadOptions): Promise<ClipVisionModel> {
  const precision = options.precision ?? DEFAULT_PRECISION;
  const files = visionFiles(precision);
  const dir = await modelFolder({ ...options, files });
  const request: VisionLoadRequest = {
    dir,
    source: options.source,
    cacheDir: options.cacheDir,
    threads: options.threads ?? Math.max(1, availableParallelism()),
    precision,
  };
  try {
    return (await loadVisionOffThread(request)) ?? (await loadVisionInThread(request));
  } catch (error) {
    if (error instanceof UserError) throw error;
    forgetDownloadedFiles(options.source, options.cacheDir, files);
    const again = options.source.kind === 'hub' ? ' It will be downloaded again on the next run.' : '';
    throw new UserError(
      'model-unloadable',
      `The image model in ${dir} cannot be loaded (${(error as Error).message.split('\n')[0]}).${again}`,
    );
  }
}

export function modelCacheDir(dataDir: string): string {
  return join(dataDir, 'models');
}
