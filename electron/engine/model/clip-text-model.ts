import type { Tensor } from '@huggingface/transformers' with { 'resolution-mode': 'import' };
import { UserError } from '../user-error';
import type { LoadOptions } from './clip-vision-model';
import { configureTransformers } from './transformers-runtime';
import { forgetDownloadedFiles, hasFiles, modelFolder } from './model-folder';
import { DEFAULT_PRECISION, precisionModelId, textFiles } from './model-precision';
import { normalizeInPlace } from './vector-math';

export interface ClipTextModel {
  /** The same id as the vision tower's: text and photo vectors share one space. */
  id: string;
  /** Embed phrases into the photos' space; returns unit-length vectors. */
  embed(texts: string[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

function noTextTower(name: string): UserError {
  return new UserError(
    'no-text-model',
    `The model ${name} has no text part (onnx/text_model.onnx and tokenizer.json), so it cannot search by words. Use a CLIP model that has one, such as the default Xenova/clip-vit-base-patch32.`,
  );
}

/** CLIP's text tower and tokenizer, loaded only when someone searches by words. */
export async function loadClipTextModel(options: LoadOptions): Promise<ClipTextModel> {
  const { source } = options;
  const precision = options.precision ?? DEFAULT_PRECISION;
  const files = textFiles(precision);
  const name = source.kind === 'local' ? source.dir : source.repo;
  let dir: string;
  try {
    dir = await modelFolder({ ...options, files });
  } catch (error) {
    if (error instanceof UserError && error.code === 'model-file-missing') throw noTextTower(name);
    throw error;
  }
  if (!hasFiles(dir, files)) throw noTextTower(name);

  const { AutoTokenizer, CLIPTextModelWithProjection } = await configureTransformers(options.cacheDir);
  let tokenizer: Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;
  let model: Awaited<ReturnType<typeof CLIPTextModelWithProjection.from_pretrained>>;
  try {
    tokenizer = await AutoTokenizer.from_pretrained(dir, { local_files_only: true });
    model = await CLIPTextModelWithProjection.from_pretrained(dir, {
      local_files_only: true,
      dtype: precision,
      device: 'cpu',
      session_options: { intraOpNumThreads: options.threads ?? 1, interOpNumThreads: 1 },
    });
  } catch (error) {
    forgetDownloadedFiles(source, options.cacheDir, files);
    throw new UserError(
      'model-unloadable',
      `The text part of the model in ${dir} cannot be loaded (${(error as Error).message.split('\n')[0]}).`,
    );
  }

  return {
    id: precisionModelId(source.id, precision),
    async embed(texts: string[]): Promise<Float32Array[]> {
      const inputs = tokenizer(texts, { padding: true, truncation: true });
      const output = (await model(inputs)) as Record<string, Tensor>;
      const embeds = output.text_embeds ?? Object.values(output)[0];
      if (!embeds) throw new Error('the model returned no text embeddings');
      const dims = embeds.dims[embeds.dims.length - 1]!;
      const data = embeds.data as Float32Array;
      return texts.map((_, i) =>
        normalizeInPlace(Float32Array.from(data.subarray(i * dims, (i + 1) * dims))),
      );
    },
    dispose: async () => {
      await model.dispose();
    },
  };
}
