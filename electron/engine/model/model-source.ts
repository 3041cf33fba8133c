import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

export const DEFAULT_MODEL = 'Xenova/clip-vit-base-patch32';

export type ModelSource =
  { kind: 'local'; dir: string; id: string } | { kind: 'hub'; repo: string; id: string };

/**
 * `--model` takes a folder in the transformers.js layout or a hub id. A folder's id includes a digest of
 * its vision tower, so two different folders with the same name never share vectors.
 */
export function resolveModelSource(model: string): ModelSource {
  const candidate = resolve(model);
  if (existsSync(candidate) && statSync(candidate).isDirectory()) {
    const onnx = join(candidate, 'onnx', 'vision_model.onnx');
    if (!existsSync(join(candidate, 'config.json')) || !existsSync(onnx)) {
      throw new Error(
        `${candidate} is not a model folder: it needs config.json, preprocessor_config.json and onnx/vision_model.onnx`,
      );
    }
    const digest = createHash('sha256').update(readFileSync(onnx)).digest('hex').slice(0, 12);
    return { kind: 'local', dir: candidate, id: `local:${basename(candidate)}@${digest}` };
  }
  if (/^[\w.-]+\/[\w.-]+$/.test(model)) return { kind: 'hub', repo: model, id: model };
  throw new Error(`model "${model}" is neither a folder nor a hub id like ${DEFAULT_MODEL}`);
}
