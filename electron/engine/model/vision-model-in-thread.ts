import { threadId } from 'node:worker_threads';
import type { Tensor } from '@huggingface/transformers' with { 'resolution-mode': 'import' };
import type { ClipVisionModel } from './clip-vision-model';
import { preprocessingFromConfig } from './clip-preprocessing';
import { modelIdentity } from './model-identity';
import type { ModelPrecision } from './model-precision';
import type { ModelSource } from './model-source';
import { configureTransformers } from './transformers-runtime';
import { normalizeInPlace } from './vector-math';

/** A complete local model folder to load, in plain data: the same request goes to the model's worker. */
export interface VisionLoadRequest {
  dir: string;
  source: ModelSource;
  cacheDir: string;
  threads: number;
  precision: ModelPrecision;
}

/**
 * The vision tower on the calling thread. onnxruntime-node runs an inference synchronously on the thread
 * that asks (0.5-0.9 s for a batch of 8 here), so the engine loads it on a worker of its own
 * (vision-model-worker.ts) and comes here directly only when no worker can start.
 */
export async function loadVisionInThread(request: VisionLoadRequest): Promise<ClipVisionModel> {
  const { dir, source, precision } = request;
  const {
    AutoImageProcessor,
    CLIPVisionModelWithProjection,
    Tensor: TensorClass,
  } = await configureTransformers(request.cacheDir);
  const pretrained = { local_files_only: true };
  const processor = await AutoImageProcessor.from_pretrained(dir, pretrained);
  const model = await CLIPVisionModelWithProjection.from_pretrained(dir, {
    ...pretrained,
    dtype: precision,
    device: 'cpu',
    session_options: { intraOpNumThreads: request.threads, interOpNumThreads: 1 },
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
    inferenceThreadId: threadId,
    embed,
    dispose: async () => {
      await model.dispose();
    },
  };
}
