import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { MANIFEST_NAME, type ModelManifest } from './download/model-manifest';

export const DEFAULT_MODEL = 'Xenova/clip-vit-base-patch32';

const HUB_ID = /^[\w.-]+\/[\w.-]+$/;

/**
 * A folder Doppel downloaded from the hub (say, copied into an installer as its bundled model) still holds
 * its manifest: when the vision tower is byte for byte the verified download, the folder keeps the hub id,
 * so photos embedded with the bundled copy and with a later download share their vectors.
 */
function hubModelCopiedInto(dir: string, visionSha256: string): string | null {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_NAME), 'utf8')) as ModelManifest;
    const vision = manifest.files?.['onnx/vision_model.onnx'];
    return HUB_ID.test(manifest.repo) && vision?.sha256 === visionSha256 ? manifest.repo : null;
  } catch {
    return null;
  }
}

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
    const sha256 = createHash('sha256').update(readFileSync(onnx)).digest('hex');
    const hubCopy = hubModelCopiedInto(candidate, sha256);
    if (hubCopy) return { kind: 'local', dir: candidate, id: hubCopy };
    return { kind: 'local', dir: candidate, id: `local:${basename(candidate)}@${sha256.slice(0, 12)}` };
  }
  if (HUB_ID.test(model)) return { kind: 'hub', repo: model, id: model };
  throw new Error(`model "${model}" is neither a folder nor a hub id like ${DEFAULT_MODEL}`);
}
