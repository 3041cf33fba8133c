import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, lstat, mkdir, open, rename, rm, stat, utimes } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';

/**
 * Where a trashed file went, when the trash can tell: Doppel's own trashes (freedesktop, a folder) can put it
 * back; the OS trash behind Electron's shell.trashItem and the `trash` package cannot say, so they return nothing.
 */
export interface TrashedFile {
  /** The file's path inside the trash now. */
  trashedPath: string;
  /** The freedesktop `.trashinfo` that records where it came from, removed when it is put back. */
  infoPath?: string;
}

/** Where "trash" sends files. The desktop app uses the OS trash through Electron's shell.trashItem. */
export interface TrashBin {
  moveToTrash(path: string): Promise<TrashedFile | void>;
}

/** A plain folder: for tests (DOPPEL_TRASH_DIR) and for headless boxes that want a review folder. */
export function folderTrashBin(dir: string): TrashBin {
  return {
    async moveToTrash(path) {
      await mkdir(dir, { recursive: true });
      const trashedPath = join(dir, `${randomUUID().slice(0, 8)}-${basename(path)}`);
      await moveFile(path, trashedPath);
      return { trashedPath };
    },
  };
}

export interface FreedesktopTrashOptions {
  /** $XDG_DATA_HOME, else ~/.local/share: the home trash is its Trash folder. */
  dataHome?: string;
  uid?: number;
  /** The top folder of the mount a file lives on (tests point it at a temp folder). */
  mountTopOf?: (path: string) => Promise<string>;
}

/**
 * The freedesktop.org trash that Linux file managers show and restore from
 * (https://specifications.freedesktop.org/trash-spec/). A file on the home file system goes to the home
 * trash; one on another drive goes to that drive's own trash ($topdir/.Trash/$uid, else $topdir/.Trash-$uid),
 * so trashing is a rename and the photo never crosses drives. Only when that trash cannot be used is the file
 * copied to the home trash (its time kept), and the original removed once the copy is complete.
 */
export function freedesktopTrashBin(options: FreedesktopTrashOptions = {}): TrashBin {
  const dataHome = options.dataHome ?? process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  const uid = options.uid ?? process.getuid?.() ?? 0;
  const mountTopOf = options.mountTopOf ?? mountTop;
  const homeTrash = join(dataHome, 'Trash');
  return {
    async moveToTrash(path) {
      const file = resolve(path);
      const device = (await lstat(file)).dev;
      if (device !== (await existingAncestorDevice(homeTrash))) {
        const top = await mountTopOf(file).catch(() => null);
        const trash = top ? await topdirTrash(top, uid).catch(() => null) : null;
        if (top && trash) return trashInto(trash, file, relative(top, file));
      }
      await mkdir(homeTrash, { recursive: true, mode: 0o700 });
      return trashInto(homeTrash, file, file);
    },
  };
}

/**
 * Reserve a name in info/ (created exclusively, as the spec asks, so two trashers never pick the same one),
 * move the file into files/, and take the .trashinfo back if the move fails: no entry without its file.
 */
async function trashInto(trash: string, file: string, pathInInfo: string): Promise<TrashedFile> {
  await mkdir(join(trash, 'files'), { recursive: true, mode: 0o700 });
  await mkdir(join(trash, 'info'), { recursive: true, mode: 0o700 });
  const info = `[Trash Info]\nPath=${escapeTrashPath(pathInInfo)}\nDeletionDate=${localTimestamp(new Date())}\n`;
  for (let attempt = 0; ; attempt++) {
    const name = attempt === 0 ? basename(file) : `${randomUUID().slice(0, 8)}-${basename(file)}`;
    const infoPath = join(trash, 'info', `${name}.trashinfo`);
    const target = join(trash, 'files', name);
    let handle;
    try {
      handle = await open(infoPath, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 20) continue;
      throw error;
    }
    if (
      await lstat(target).then(
        () => true,
        () => false,
      )
    ) {
      // A file left in files/ without its entry: rename would replace it, so pick another name.
      await handle.close();
      await rm(infoPath, { force: true });
      if (attempt < 20) continue;
      throw new Error(`cannot find a free name in ${trash}`);
    }
    try {
      await handle.writeFile(info);
    } finally {
      await handle.close();
    }
    try {
      await moveFile(file, target);
      return { trashedPath: target, infoPath };
    } catch (error) {
      await rm(infoPath, { force: true });
      throw error;
    }
  }
}

/** $topdir/.Trash/$uid when the admin set up a shared .Trash (a real sticky folder), else $topdir/.Trash-$uid. */
async function topdirTrash(top: string, uid: number): Promise<string> {
  const shared = join(top, '.Trash');
  const info = await lstat(shared).catch(() => null);
  if (info?.isDirectory() && !info.isSymbolicLink() && (info.mode & 0o1000) !== 0) {
    const mine = join(shared, String(uid));
    const ok = await mkdir(mine, { recursive: true, mode: 0o700 }).then(
      () => true,
      () => false,
    );
    if (ok) return mine;
  }
  const own = join(top, `.Trash-${uid}`);
  await mkdir(own, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  const made = await lstat(own);
  if (!made.isDirectory() || made.isSymbolicLink() || made.uid !== uid)
    throw new Error(`${own} is not usable`);
  return own;
}

/** The highest folder above a file that is still on the file's device: its mount point. */
export async function mountTop(path: string): Promise<string> {
  const device = (await lstat(path)).dev;
  let top = dirname(resolve(path));
  for (;;) {
    const parent = dirname(top);
    const info = await stat(parent).catch(() => null);
    if (parent === top || !info || info.dev !== device) return top;
    top = parent;
  }
}

async function existingAncestorDevice(path: string): Promise<number> {
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    const info = await stat(dir).catch(() => null);
    if (info) return info.dev;
    if (dirname(dir) === dir) return -1;
  }
}

/** Path= is URI-escaped (RFC 2396): every byte but unreserved characters and '/' as %XX of its UTF-8. */
export function escapeTrashPath(path: string): string {
  return path
    .split('/')
    .map((part) =>
      encodeURIComponent(part).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join('/');
}

/** DeletionDate is local time, YYYY-MM-DDThh:mm:ss, without a zone. */
function localTimestamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}` +
    `T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`
  );
}

/** Without Full Disk Access, macOS answers EPERM/EACCES for ~/.Trash: say what to do instead. */
export function macTrashError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EPERM' || code === 'EACCES'
    ? new Error("Doppel can't reach the Trash; set DOPPEL_TRASH_DIR or use the desktop app")
    : error;
}

/** The `trash` package's entry: it moves files with the OS's own trash helpers (macOS, Windows). */
export type TrashPackage = (paths: readonly string[], options: { glob: boolean }) => Promise<void>;

/**
 * `trash` is ESM only and Doppel's Node side is CommonJS: a dynamic import (which tsc with module node16
 * keeps as a real `import()`, not a `require`) loads it, once, when something is first trashed.
 */
export async function loadTrashPackage(): Promise<TrashPackage> {
  const loaded = (await import('trash')) as { default: TrashPackage };
  return loaded.default;
}

/**
 * macOS and Windows: the OS trash through the `trash` package, whose helpers (macos-trash,
 * windows-trash.exe) use Finder's and the Recycle Bin's own calls, so Put Back / Restore work and a photo on
 * another drive goes to that drive's trash instead of being copied home.
 */
export function systemTrashBin(load: () => Promise<TrashPackage> = loadTrashPackage): TrashBin {
  let trash: Promise<TrashPackage> | null = null;
  return {
    async moveToTrash(path) {
      const file = resolve(path);
      // The package skips missing files silently and expands globs: check first, and take names literally.
      await lstat(file);
      trash ??= load().catch((error: unknown) => {
        trash = null; // try again next time rather than remember the failure
        throw new Error(`the system trash helper could not be loaded (${(error as Error).message})`);
      });
      const moveToSystemTrash = await trash;
      try {
        await moveToSystemTrash([file], { glob: false });
      } catch (error) {
        throw systemTrashError(error);
      }
      const left = await lstat(file).then(
        () => true,
        () => false,
      );
      if (left) throw new Error('the system trash did not take the file');
    },
  };
}

/** A helper's failure as one line (its stderr, else its message), EPERM as advice. */
export function systemTrashError(error: unknown): Error {
  const advised = macTrashError(error);
  if (advised !== error) return advised as Error;
  const failure = error as { stderr?: unknown; message?: unknown };
  const text = String(failure.stderr || failure.message || error).trim();
  const firstLine = text.split(/\r?\n/).find((line) => line.trim().length > 0) ?? 'unknown error';
  return new Error(`the system trash refused it (${firstLine.trim()})`);
}

export type TrashKind = 'folder' | 'system' | 'freedesktop';

/**
 * Which trash `serve` and the CLI use: DOPPEL_TRASH_DIR's folder when set; the OS trash through the `trash`
 * package on macOS and Windows; on Linux (and other Unixes) Doppel's own freedesktop trash, which follows the
 * spec more closely than that package (per-drive trash folders, exclusive .trashinfo names).
 */
export function trashKindFor(platform: NodeJS.Platform, trashDir: string | undefined): TrashKind {
  if (trashDir) return 'folder';
  if (platform === 'darwin' || platform === 'win32') return 'system';
  return 'freedesktop';
}

/** The platform's trash for processes without Electron (`serve`, the CLI). */
export function defaultTrashBin(): TrashBin {
  const trashDir = process.env.DOPPEL_TRASH_DIR;
  switch (trashKindFor(process.platform, trashDir)) {
    case 'folder':
      return folderTrashBin(trashDir!);
    case 'system':
      return systemTrashBin();
    case 'freedesktop':
      return freedesktopTrashBin();
  }
}

/**
 * rename, or across file systems copy (keeping the photo's times) then delete; the original is removed only
 * after the copy is complete, and a partial copy is removed if copying fails.
 */
async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const info = await stat(from);
    try {
      await copyFile(from, to, constants.COPYFILE_EXCL);
      await utimes(to, info.atime, info.mtime);
    } catch (copyError) {
      if ((copyError as NodeJS.ErrnoException).code !== 'EEXIST') await rm(to, { force: true });
      throw copyError;
    }
    try {
      await rm(from);
    } catch (removeError) {
      await rm(to, { force: true }); // the original stays where it was: as if nothing happened
      throw removeError;
    }
  }
}
