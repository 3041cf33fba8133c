import type { Tensor } from '@huggingface/transformers' with { 'resolution-mode': 'import' };
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { ModelDownloadProgress } from '../../../shared/contract/entities';
import { UserError } from '../user-error';
import { preprocessingFromConfig, type ClipPreprocessing } from './clip-preprocessing';
import { forgetDownloadedFiles, modelFolder } from './model-folder';
import { modelIdentity } from './model-identity';
import { DEFAULT_PRECISION, visionFiles, type ModelPrecision } from './model-precision';
import type { ModelSource } from './model-source';
import type { ModelThresholds } from './model-thresholds';
import { normalizeInPlace } from './vector-math';

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

export interface LoadOptions {
  source: ModelSource;
  /** Hub downloads land here (the app's data folder), never in the package folder. */
  cacheDir: string;
  onDownload?: (progress: ModelDownloadProgress) => void;
  threads?: number;
  /** fp32 unless a benchmark shows another precision keeps duplicate detection intact. */
  precision?: ModelPrecision;
}

/**
 * transformers.js only ever reads complete, verified local folders: Doppel downloads hub models itself
 * (resumable, checksummed, see download/), so transformers.js never touches the network or its own cache.
 */
export async function configureTransformers(cacheDir: string) {
  const transformers = await loadTransformers();
  const { env } = transformers;
  env.cacheDir = cacheDir;
  env.useFSCache = false;
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  return transformers;
}

/**
 * transformers.js is an ES module (its CommonJS build drags in the web runtime too); a dynamic import also
 * keeps it, and onnxruntime, off the start-up path of commands that never embed.
 */
export function loadTransformers() {
  return import('@huggingface/transformers');
}

export async function loadClipVisionModel(options: LoadOptions): Promise<ClipVisionModel> {
  const precision = options.precision ?? DEFAULT_PRECISION;
  const files = visionFiles(precision);
  const dir = await modelFolder({ ...options, files });
  try {
    return await loadFromFolder(dir, options, precision);
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

async function loadFromFolder(
  dir: string,
  options: LoadOptions,
  precision: ModelPrecision,
): Promise<ClipVisionModel> {
  const { source } = options;
  const {
    AutoImageProcessor,
    CLIPVisionModelWithProjection,
    Tensor: TensorClass,
  } = await configureTransformers(options.cacheDir);
  const pretrained = { local_files_only: true };
  const threads = options.threads ?? Math.max(1, availableParallelism());
  const processor = await AutoImageProcessor.from_pretrained(dir, pretrained);
  const model = await CLIPVisionModelWithProjection.from_pretrained(dir, {
    ...pretrained,
    dtype: precision,
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
    ...modelIdentity(source, config, precision),
    dims: probe[0]!.length,
    preprocessing,
    embed,
    dispose: async () => {
      await model.dispose();
    },
  };
}

export function modelCacheDir(dataDir: string): string {
  return join(dataDir, 'models');
}
