import { readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { isSupportedImagePath } from '../image/supported-formats';
import { NOT_FOUND } from '../library/library-roots';
import { ExcludedFolders } from './excluded-folders';
import { isValidUtf8, NOT_TEXT_FILE, NOT_TEXT_FOLDER, printableBytes } from './file-name-bytes';
import type { ScanTarget } from './scan-targets';

export interface ScannedFile {
  path: string;
  /** The library folder this file was found under. */
  folder: string;
  size: number;
  mtimeMs: number;
}

export interface ScanOptions {
  /**
   * Folders never entered (the app's own data folder and thumbnail folder, wherever they live), by real
   * path: a link into one of them is skipped like the folder itself.
   */
  exclude: string[];
  signal?: AbortSignal;
  onError?: (path: string, error: string) => void;
  /**
   * A folder whose contents could not be listed (no permission, an I/O error, a share that went away): what
   * the library knows under it is unknown, not gone, so the indexer must not drop it.
   */
  onUnreadable?: (dir: string) => void;
}

/**
 * Walk folders for photos (a library folder, or a subtree of one: its photos still belong to the library
 * folder). Hidden files and folders are skipped (.thumbnails, .Trash, .git…), as is whatever really lies in
 * an excluded folder (the data folder), however it is reached. Symlinks are followed, but every directory is
 * entered once by its real path, so a link loop cannot hang the scan and a linked folder is not indexed
 * twice.
 */
export async function scanFolders(
  folders: (string | ScanTarget)[],
  options: ScanOptions,
): Promise<ScannedFile[]> {
  const excluded = new ExcludedFolders(options.exclude);
  const visited = new Set<string>();
  const found = new Map<string, ScannedFile>();

  function unreadable(dir: string, error: unknown, what = 'folder'): void {
    options.onError?.(dir, `cannot read ${what}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    options.onUnreadable?.(dir);
  }

  /**
   * Report the names in `dir` that are not valid UTF-8 (a photo, or a folder that may hold some): Node
   * lists them with U+FFFD for each bad byte, a name that opens nothing, so they would vanish without a
   * word. Listed again as bytes to tell them from a real U+FFFD in a name. Whether any was found.
   */
  async function reportNamesNotText(dir: string): Promise<boolean> {
    const names = await readdir(dir, { encoding: 'buffer' }).catch(() => []);
    let reported = false;
    for (const name of names) {
      if (name[0] === 0x2e || isValidUtf8(name)) continue; // hidden, or a real U+FFFD
      const info = await stat(Buffer.concat([Buffer.from(join(dir, sep)), name])).catch(() => null);
      const shown = join(dir, printableBytes(name));
      if (info?.isDirectory()) options.onError?.(shown, NOT_TEXT_FOLDER);
      else if (info?.isFile() && isSupportedImagePath(name.toString('utf8')))
        options.onError?.(shown, NOT_TEXT_FILE);
      else continue;
      reported = true;
    }
    return reported;
  }

  async function walk(dir: string, folder: string): Promise<void> {
    if (options.signal?.aborted) return;
    let real: string;
    try {
      real = await realpath(dir);
    } catch (error) {
      unreadable(dir, error);
      return;
    }
    if (visited.has(real) || excluded.coversReal(real)) return;
    visited.add(real);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      unreadable(dir, error);
      return;
    }
    const namesNotText = entries.some((entry) => entry.name.includes('\uFFFD'))
      ? await reportNamesNotText(dir)
      : false;
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      const maybeDirectory = entry.isDirectory() || entry.isSymbolicLink();
      if (!maybeDirectory && !(entry.isFile() && isSupportedImagePath(path))) continue;
      let info;
      try {
        info = await stat(path); // follows symlinks
      } catch (error) {
        // Gone meanwhile, a dangling or looping symlink: nothing. Anything else (no permission, an I/O
        // error) is unknown, not empty.
        const code = (error as NodeJS.ErrnoException).code;
        // Where names cannot be listed as bytes (Windows: a name with a lone UTF-16 surrogate), say so anyway.
        if (
          process.platform === 'win32' &&
          code === 'ENOENT' &&
          entry.name.includes('\uFFFD') &&
          !namesNotText
        )
          options.onError?.(path, entry.isDirectory() ? NOT_TEXT_FOLDER : NOT_TEXT_FILE);
        else if (code !== 'ENOENT' && !(entry.isSymbolicLink() && code === 'ELOOP'))
          unreadable(path, error, entry.isDirectory() ? 'folder' : 'file');
        continue;
      }
      if (info.isDirectory()) await walk(path, folder);
      else if (info.isFile() && isSupportedImagePath(path) && !found.has(path)) {
        // A link to one file in an excluded folder (a thumbnail) is as much Doppel's own as the folder.
        if (entry.isSymbolicLink() && excluded.coversReal(await realpath(path).catch(() => path))) continue;
        found.set(path, { path, folder, size: info.size, mtimeMs: Math.floor(info.mtimeMs) });
      }
    }
  }

  for (const target of folders) {
    const root = resolve(typeof target === 'string' ? target : target.dir);
    const folder = resolve(typeof target === 'string' ? target : target.folder);
    let info;
    try {
      info = await stat(root);
    } catch (error) {
      // Unplugged since the run began (the engine checks roots first): its photos are unknown, not gone.
      options.onError?.(root, (error as NodeJS.ErrnoException).code === 'ENOENT' ? NOT_FOUND : String(error));
      options.onUnreadable?.(root);
      continue;
    }
    if (!info.isDirectory()) throw new Error(`${root} is not a folder`);
    await walk(root, folder.endsWith(sep) ? folder.slice(0, -1) || sep : folder);
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
}
