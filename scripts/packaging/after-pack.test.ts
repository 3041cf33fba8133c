import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const files = [
  'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node',
  'node_modules/onnxruntime-node/bin/napi-v6/linux/arm64/onnxruntime_binding.node',
  'node_modules/onnxruntime-node/bin/napi-v6/win32/x64/onnxruntime.dll',
  'node_modules/onnxruntime-node/bin/napi-v6/darwin/arm64/libonnxruntime.1.dylib',
  'node_modules/sharp/lib/index.js',
  'node_modules/fs-native-extensions/prebuilds/linux-x64/fs-native-extensions.node',
  'node_modules/fs-native-extensions/prebuilds/linux-x64/fs-native-extensions.bare',
  'node_modules/fs-native-extensions/prebuilds/darwin-arm64/fs-native-extensions.node',
  'node_modules/fs-native-extensions/prebuilds/android-x64/fs-native-extensions.node',
  'node_modules/fs-native-extensions/prebuilds/ios-x64-simulator/fs-native-extensions.bare',
];

describe('afterPack hook', () => {
  let work: string;
  afterEach(() => rm(work, { recursive: true, force: true }));

  it('deletes other platforms’ binaries from app.asar.unpacked and keeps the target’s', async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-afterpack-'));
    const unpacked = join(work, 'resources', 'app.asar.unpacked');
    for (const file of files) {
      await mkdir(dirname(join(unpacked, file)), { recursive: true });
      await writeFile(join(unpacked, file), 'x');
    }
    const hook = (await import('./after-pack.js')).default as unknown as (context: unknown) => Promise<void>;
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    // electron-builder's Arch enum: 1 is x64.
    await hook({
      appOutDir: work,
      electronPlatformName: 'linux',
      arch: 1,
      packager: { appInfo: { productFilename: 'Doppel' } },
    });
    expect(files.filter((file) => existsSync(join(unpacked, file)))).toEqual([
      files[0],
      files[4],
      files[5],
      files[6],
    ]);
  });
});
