import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface ModelChoiceInput {
  /** DOPPEL_MODEL: tests and power users pick a model folder or hub id; always wins. */
  envModel: string | undefined;
  /** The model settings.json names. */
  settingsModel: string;
  /** The default hub id (DEFAULT_MODEL). */
  defaultModel: string;
  /** resources/model of an offline installer (DOPPEL_BUNDLED_MODEL), if any. */
  bundledDir: string | undefined;
  /** The data folder's model cache (models/). */
  cacheDir: string;
  exists?: (path: string) => boolean;
}

/**
 * The model override the desktop engine opens with, or undefined to let settings.json decide. An offline
 * installer's bundled copy of the default model is used while the user keeps the default and has not
 * downloaded it yet; a model the user chose, or one already downloaded, always wins over the bundle.
 */
export function chooseEngineModel(input: ModelChoiceInput): string | undefined {
  const exists = input.exists ?? existsSync;
  if (input.envModel) return input.envModel;
  if (!input.bundledDir || input.settingsModel !== input.defaultModel) return undefined;
  const bundled = ['config.json', join('onnx', 'vision_model.onnx')].every((file) =>
    exists(join(input.bundledDir!, file)),
  );
  if (!bundled) return undefined;
  const downloaded = exists(
    join(input.cacheDir, ...input.defaultModel.split('/'), 'onnx', 'vision_model.onnx'),
  );
  return downloaded ? undefined : input.bundledDir;
}
