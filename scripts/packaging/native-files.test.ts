import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fitsTarget,
  isNativeBinary,
  isUnpacked,
  platformOf,
  shouldPrune,
  type TargetArch,
  type TargetOs,
} from './native-files';
import { packageFiles, productionPackageDirs } from './testing/production-packages';

const root = join(__dirname, '..', '..');
const build = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { build: BuildConfig }).build;

interface BuildConfig {
  asarUnpack: string[];
  files: string[];
  afterPack: string;
  extraResources: { from: string; to: string }[];
}

const shippedBinaries = productionPackageDirs(root)
  .flatMap(packageFiles)
  .filter(isNativeBinary)
  .map((file) => relative(root, file).split(sep).join('/'));

const currentOs = process.platform as TargetOs;
const currentArch = process.arch as TargetArch;

describe('packaging native binaries', () => {
  it('finds the native binaries the production dependencies ship', () => {
    // sharp, onnxruntime-node, fs-native-extensions and (where chdb has a build) chdb: the test is void if
    // it finds nothing.
    expect(shippedBinaries.some((path) => path.includes('onnxruntime-node/'))).toBe(true);
    expect(shippedBinaries.some((path) => path.includes('@img/sharp-'))).toBe(true);
    expect(shippedBinaries.some((path) => /fs-native-extensions\/prebuilds\/.+\.node$/.test(path))).toBe(
      true,
    );
    expect(shippedBinaries.some((path) => /fs-native-extensions\/prebuilds\/.+\.bare$/.test(path))).toBe(
      true,
    );
  });

  it('unpacks every .node, .bare, .so, .dylib and .dll from the asar', () => {
    const packed = shippedBinaries.filter((path) => !isUnpacked(path, build.asarUnpack));
    expect(packed).toEqual([]);
  });

  it('keeps every binary this platform needs in an installer for this platform', () => {
    const pruned = shippedBinaries.filter((path) => shouldPrune(path, currentOs, currentArch));
    // Files for this platform and architecture are never pruned; only other platforms' builds are.
    for (const path of pruned)
      expect(fitsTarget(platformOf(path)!, currentOs, currentArch), path).toBe(false);
    const ours = shippedBinaries.filter((path) => !shouldPrune(path, currentOs, currentArch));
    expect(ours.some((path) => /onnxruntime_binding\.node$/.test(path))).toBe(true);
    expect(ours.some((path) => /sharp-.*\.node$/.test(path))).toBe(true);
    // The data-folder lock's addon, in the folder require-addon looks in for this platform.
    expect(ours).toContain(
      `node_modules/fs-native-extensions/prebuilds/${currentOs}-${currentArch}/fs-native-extensions.node`,
    );
  });

  it('prunes every fs-native-extensions build but the target’s (android and ios builds from all)', () => {
    const prebuilds = shippedBinaries.filter((path) => path.includes('fs-native-extensions/prebuilds/'));
    const keptFor = (os: TargetOs, arch: TargetArch) =>
      prebuilds
        .filter((path) => !shouldPrune(path, os, arch))
        .map((path) => path.replace(/^.*\/prebuilds\//, ''))
        .sort();
    const both = (folder: string) => [
      `${folder}/fs-native-extensions.bare`,
      `${folder}/fs-native-extensions.node`,
    ];
    expect(keptFor('linux', 'x64')).toEqual(both('linux-x64'));
    expect(keptFor('linux', 'arm64')).toEqual(both('linux-arm64'));
    expect(keptFor('win32', 'x64')).toEqual(both('win32-x64'));
    expect(keptFor('darwin', 'arm64')).toEqual(both('darwin-arm64'));
    expect(keptFor('darwin', 'universal')).toEqual([...both('darwin-arm64'), ...both('darwin-x64')]);
  });

  it('prunes other platforms’ onnxruntime builds from each installer', () => {
    const onnx = shippedBinaries.filter((path) => path.includes('onnxruntime-node/bin/'));
    const targets: [TargetOs, TargetArch][] = [
      ['linux', 'x64'],
      ['linux', 'arm64'],
      ['darwin', 'arm64'],
      ['darwin', 'universal'],
      ['win32', 'x64'],
    ];
    for (const [os, arch] of targets) {
      const kept = onnx.filter((path) => !shouldPrune(path, os, arch));
      for (const path of kept) expect(path, `${os}-${arch}`).toMatch(new RegExp(`/${os}/`));
      if (arch !== 'universal') for (const path of kept) expect(path).toMatch(new RegExp(`/${arch}/`));
    }
  });

  it('reads platform tags from the layouts the native packages use', () => {
    expect(platformOf('node_modules/onnxruntime-node/bin/napi-v6/win32/x64/DirectML.dll')).toEqual({
      os: 'win32',
      arch: 'x64',
    });
    expect(platformOf('node_modules/@img/sharp-libvips-darwin-arm64/lib/libvips-cpp.8.dylib')).toEqual({
      os: 'darwin',
      arch: 'arm64',
    });
    expect(platformOf('node_modules/@chdb/lib-linux-arm64-gnu/libchdb.so')).toEqual({
      os: 'linux',
      arch: 'arm64',
    });
    expect(shouldPrune('node_modules/@img/sharp-linuxmusl-x64/lib/sharp.node', 'linux', 'x64')).toBe(true);
    expect(shouldPrune('node_modules/@img/sharp-wasm32/lib/sharp.wasm', 'linux', 'x64')).toBe(false);
    expect(shouldPrune('node_modules/sharp/lib/index.js', 'win32', 'x64')).toBe(false);
    expect(isUnpacked('node_modules/other/build/Release/addon.node', ['node_modules/sharp/**'])).toBe(false);
    const prebuild = (folder: string) => `node_modules/fs-native-extensions/prebuilds/${folder}/addon.node`;
    expect(platformOf(prebuild('win32-arm64'))).toEqual({ os: 'win32', arch: 'arm64' });
    expect(platformOf(prebuild('ios-arm64-simulator'))).toEqual({ os: 'ios', arch: 'arm64' });
    expect(shouldPrune(prebuild('linux-x64-musl'), 'linux', 'x64')).toBe(true);
    expect(shouldPrune(prebuild('linux-arm'), 'linux', 'armv7l')).toBe(false);
    expect(shouldPrune('node_modules/fs-native-extensions/index.js', 'win32', 'x64')).toBe(false);
  });

  it('wires the afterPack hook and the bundled model where the engine looks for them', () => {
    expect(build.afterPack).toBe('./dist/scripts/packaging/after-pack.js');
    expect(build.extraResources).toContainEqual(
      expect.objectContaining({ from: 'build/bundled-model', to: 'model' }),
    );
  });
});
