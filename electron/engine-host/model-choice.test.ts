import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseEngineModel } from './model-choice';

const DEFAULT = 'Xenova/clip-vit-base-patch32';
const bundled = '/app/resources/model';
const cacheDir = '/data/models';
const bundleFiles = [join(bundled, 'config.json'), join(bundled, 'onnx', 'vision_model.onnx')];
const downloaded = join(cacheDir, 'Xenova', 'clip-vit-base-patch32', 'onnx', 'vision_model.onnx');

function choose(overrides: Partial<Parameters<typeof chooseEngineModel>[0]>, files: string[]) {
  return chooseEngineModel({
    envModel: undefined,
    settingsModel: DEFAULT,
    defaultModel: DEFAULT,
    bundledDir: bundled,
    cacheDir,
    exists: (path) => files.includes(path),
    ...overrides,
  });
}

describe('chooseEngineModel', () => {
  it('uses the bundled default model until the default is downloaded', () => {
    expect(choose({}, bundleFiles)).toBe(bundled);
    expect(choose({}, [...bundleFiles, downloaded])).toBeUndefined();
  });

  it('never overrides a model the user or the tests chose', () => {
    expect(choose({ envModel: '/tiny' }, bundleFiles)).toBe('/tiny');
    expect(choose({ settingsModel: '/my/model' }, bundleFiles)).toBeUndefined();
  });

  it('ignores a missing or incomplete bundle', () => {
    expect(choose({ bundledDir: undefined }, bundleFiles)).toBeUndefined();
    expect(choose({}, [bundleFiles[0]!])).toBeUndefined();
  });
});
