/**
 * RAW+JPEG twins: a camera writing "RAW + JPEG" saves IMG_0001.CR2 and IMG_0001.JPG side by side. They are one
 * shot, not a duplicate to clean up: the RAW is the original, the JPEG its ready-to-share rendering. Twins are
 * recognised by path alone (same folder, same name, case-insensitive), so this works in the engine and in the
 * renderer alike (pure string functions, no node:path).
 */
import { JPEG_EXTENSIONS, RAW_EXTENSIONS } from '../contract/photo-formats';

export { RAW_EXTENSIONS } from '../contract/photo-formats';

function extensionOf(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 ? path.slice(dot).toLowerCase() : '';
}

export function isRawFilePath(path: string): boolean {
  return RAW_EXTENSIONS.includes(extensionOf(path));
}

export function isJpegFilePath(path: string): boolean {
  return JPEG_EXTENSIONS.includes(extensionOf(path));
}

/** Folder + name without the extension, case-folded: what a RAW and its JPEG twin share. */
export function twinKey(path: string): string {
  const extension = extensionOf(path);
  return path.slice(0, path.length - extension.length).toLowerCase();
}

/** Every [raw, jpeg] twin among the paths (a RAW may have a .JPG and a .jpeg twin: both count). */
export function findRawJpegTwins(paths: Iterable<string>): [string, string][] {
  const raws = new Map<string, string[]>();
  const jpegs: string[] = [];
  for (const path of paths) {
    if (isRawFilePath(path)) {
      const key = twinKey(path);
      raws.set(key, [...(raws.get(key) ?? []), path]);
    } else if (isJpegFilePath(path)) jpegs.push(path);
  }
  const twins: [string, string][] = [];
  for (const jpeg of jpegs) for (const raw of raws.get(twinKey(jpeg)) ?? []) twins.push([raw, jpeg]);
  return twins;
}

/** The paths that belong to a RAW+JPEG twin: the bulk "trash all but the keeper" never touches them. */
export function rawJpegTwinPaths(paths: Iterable<string>): Set<string> {
  const protectedPaths = new Set<string>();
  for (const [raw, jpeg] of findRawJpegTwins(paths)) {
    protectedPaths.add(raw);
    protectedPaths.add(jpeg);
  }
  return protectedPaths;
}

/** The RAW or JPEG twins of `path` among `paths` (same folder and name, the other of RAW and JPEG). */
export function twinsOf(path: string, paths: Iterable<string>): string[] {
  const raw = isRawFilePath(path);
  if (!raw && !isJpegFilePath(path)) return [];
  const key = twinKey(path);
  const twins: string[] = [];
  for (const other of paths) {
    if (other === path || twinKey(other) !== key) continue;
    if (raw ? isJpegFilePath(other) : isRawFilePath(other)) twins.push(other);
  }
  return twins;
}
