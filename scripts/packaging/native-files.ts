import { minimatch } from 'minimatch';

/**
 * Which native binaries an installer keeps. Pure rules, shared by the afterPack hook (which deletes the
 * rest) and the packaging test (which checks that every binary is unpacked and the current platform's
 * binaries survive).
 */
export type TargetOs = 'darwin' | 'linux' | 'win32';
/** electron-builder's arch names; `universal` is a macOS build holding both x64 and arm64. */
export type TargetArch = 'x64' | 'arm64' | 'ia32' | 'armv7l' | 'universal';

/**
 * Native code Node or the dynamic loader opens from disk: it must sit outside app.asar. `.bare` is the
 * same addon built for the Bare runtime (fs-native-extensions ships both side by side in its prebuilds).
 */
export function isNativeBinary(path: string): boolean {
  return /\.(node|bare|dll|dylib)$/.test(path) || /\.so(\.\d+)*$/.test(path);
}

/** True when `relativePath` (from the app folder, forward slashes) matches one of the asarUnpack globs. */
export function isUnpacked(relativePath: string, asarUnpack: readonly string[]): boolean {
  return asarUnpack.some((pattern) => minimatch(relativePath, pattern, { dot: true }));
}

interface PlatformTag {
  os: string;
  arch: string;
}

/**
 * The platform a file is built for, read from where packages put per-platform binaries:
 * onnxruntime-node's `bin/napi-v*\/<os>/<arch>/`, sharp's `@img/sharp-[libvips-]<os>-<arch>` and chdb's
 * `@chdb/lib-<os>-<arch>-<libc>`, and the prebuildify layout `prebuilds/<os>-<arch>[-<tag>]/` of
 * fs-native-extensions (android, ios and `-simulator` builds fit no installer; a `-musl` one is
 * linux-musl). Null for everything else (kept on every platform).
 */
export function platformOf(relativePath: string): PlatformTag | null {
  const onnx = /(?:^|\/)node_modules\/onnxruntime-node\/bin\/napi-v\d+\/([^/]+)\/([^/]+)\//.exec(
    relativePath,
  );
  if (onnx) return { os: onnx[1]!, arch: onnx[2]! };
  const sharp = /(?:^|\/)node_modules\/@img\/sharp-(?:libvips-)?([a-z]+)-([a-z0-9]+)(?:\/|$)/.exec(
    relativePath,
  );
  if (sharp && sharp[1] !== 'wasm32') return { os: sharp[1]!, arch: sharp[2]! };
  const chdb = /(?:^|\/)node_modules\/@chdb\/lib-([a-z]+)-([a-z0-9]+)(?:-[a-z]+)?(?:\/|$)/.exec(relativePath);
  if (chdb) return { os: chdb[1]!, arch: chdb[2]! };
  const prebuild =
    /(?:^|\/)node_modules\/(?:@[^/]+\/)?[^/]+\/prebuilds\/([a-z][a-z0-9]*)-([a-z0-9]+)((?:-[a-z0-9]+)*)\//.exec(
      relativePath,
    );
  if (prebuild) {
    const os = prebuild[3]!.split('-').includes('musl') ? 'linuxmusl' : prebuild[1]!;
    return { os, arch: prebuild[2]! };
  }
  return null;
}

/** Whether a file built for `tag` belongs in an installer for `os`/`arch` (glibc Linux: no musl builds). */
export function fitsTarget(tag: PlatformTag, os: TargetOs, arch: TargetArch): boolean {
  const tagArch = tag.arch === 'arm' ? 'armv7l' : tag.arch; // Node's name for 32-bit ARM, builder's armv7l
  const archFits = arch === 'universal' ? tagArch === 'x64' || tagArch === 'arm64' : tagArch === arch;
  const osName = tag.os === 'linuxmusl' ? 'linux-musl' : tag.os;
  return osName === os && archFits;
}

/** Files to remove from an installer for `os`/`arch`: other platforms' builds of our native packages. */
export function shouldPrune(relativePath: string, os: TargetOs, arch: TargetArch): boolean {
  const tag = platformOf(relativePath);
  return tag !== null && !fitsTarget(tag, os, arch);
}

/** electron-builder's Arch enum (builder-util) to its name. */
export function archName(arch: number): TargetArch {
  const names: TargetArch[] = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];
  const name = names[arch];
  if (!name) throw new Error(`unknown electron-builder arch ${arch}`);
  return name;
}

export function targetOs(electronPlatformName: string): TargetOs {
  if (electronPlatformName === 'mas') return 'darwin';
  if (
    electronPlatformName === 'darwin' ||
    electronPlatformName === 'linux' ||
    electronPlatformName === 'win32'
  )
    return electronPlatformName;
  throw new Error(`unknown platform ${electronPlatformName}`);
}
