import type { Tensor } from '@huggingface/transformers' with { 'resolution-mode': 'import' };
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { preprocessingFromConfig, type ClipPreprocessing } from './clip-preprocessing';
import type { ModelSource } from './model-source';
import { thresholdsForModel, type ModelThresholds } from './model-thresholds';
import { normalizeInPlace } from './vector-math';

export interface ModelDownloadEvent {
  file: string;
  loadedBytes: number;
  totalBytes: number | null;
}

export interface ClipVisionModel {
  id: string;
  /** Projection width, read from the model's output (never assumed). */
  dims: number;
  preprocessing: ClipPreprocessing;
  thresholds: ModelThresholds;
  /** Embed `count` photos already written into `pixelValues` (NCHW); returns unit-length vectors. */
  embed(pixelValues: Float32Array, count: number): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

interface LoadOptions {
  source: ModelSource;
  /** Hub downloads are cached here (the app's data folder), never in the package folder. */
  cacheDir: string;
  onDownload?: (event: ModelDownloadEvent) => void;
  threads?: number;
}

/** Point transformers.js at our data folder and decide whether it may reach the hub. */
export async function configureTransformers(cacheDir: string, allowRemote: boolean) {
  const transformers = await loadTransformers();
  const { env } = transformers;
  env.cacheDir = cacheDir;
  env.useFSCache = true;
  env.allowLocalModels = true;
  env.allowRemoteModels = allowRemote;
  return transformers;
}

/**
 * transformers.js is an ES module (its CommonJS build drags in the web runtime too); a dynamic import also
 * keeps it, and onnxruntime, off the start-up path of commands that never embed.
 */
export function loadTransformers() {
  return import('@huggingface/transformers');
}

export function modelPathOrId(source: ModelSource): string {
  return source.kind === 'local' ? source.dir : source.repo;
}

export async function loadClipVisionModel(options: LoadOptions): Promise<ClipVisionModel> {
  const { source } = options;
  const {
    AutoImageProcessor,
    CLIPVisionModelWithProjection,
    Tensor: TensorClass,
  } = await configureTransformers(options.cacheDir, source.kind === 'hub');
  const pretrained = {
    local_files_only: source.kind === 'local',
    cache_dir: options.cacheDir,
    progress_callback: (info: unknown) => reportDownload(info, options.onDownload),
  };
  const threads = options.threads ?? Math.max(1, availableParallelism());
  const processor = await AutoImageProcessor.from_pretrained(modelPathOrId(source), pretrained);
  const model = await CLIPVisionModelWithProjection.from_pretrained(modelPathOrId(source), {
    ...pretrained,
    dtype: 'fp32',
    device: 'cpu',
    session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 },
  });
  const config = (model.config ?? {}) as unknown as Record<string, unknown>;
  const preprocessing = preprocessingFromConfig(
    (processor as unknown as { config: Record<string, unknown> }).config,
  );

  async function embed(pixelValues: Float32Array, count: number): Promise<Float32Array[]> {
    const { cropHeight, cropWidth } = preprocessing;
    const size = 3 * cropHeight * cropWidth;
    const input = new TensorClass('float32', pixelValues.subarray(0, count * size), [
      count,
      3,
      cropHeight,
      cropWidth,
    ]);
    const output = (await model({ pixel_values: input })) as Record<string, Tensor>;
    const embeds = output.image_embeds ?? Object.values(output)[0];
    if (!embeds) throw new Error('the model returned no image embeddings');
    const dims = embeds.dims[embeds.dims.length - 1]!;
    const data = embeds.data as Float32Array;
    const vectors: Float32Array[] = [];
    for (let i = 0; i < count; i++)
      vectors.push(normalizeInPlace(Float32Array.from(data.subarray(i * dims, (i + 1) * dims))));
    return vectors;
  }

  // Read the width from the model itself: one tiny inference beats trusting config fields that vary by export.
  const probe = await embed(new Float32Array(3 * preprocessing.cropHeight * preprocessing.cropWidth), 1);
  return {
    id: source.id,
    dims: probe[0]!.length,
    preprocessing,
    thresholds: thresholdsForModel(source.id, config),
    embed,
    dispose: async () => {
      await model.dispose();
    },
  };
}

function reportDownload(info: unknown, onDownload: LoadOptions['onDownload']): void {
  const event = info as { status?: string; file?: string; loaded?: number; total?: number };
  if (!onDownload || event.status !== 'progress' || !event.file) return;
  onDownload({ file: event.file, loadedBytes: event.loaded ?? 0, totalBytes: event.total ?? null });
}

export function modelCacheDir(dataDir: string): string {
  return join(dataDir, 'models');
}
