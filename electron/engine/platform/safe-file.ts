import { constants, type Stats } from 'node:fs';
import { lstat, open, realpath, stat, type FileHandle } from 'node:fs/promises';
import { relative, isAbsolute } from 'node:path';
import { Readable } from 'node:stream';

/**
 * Never follow a link in the last path component, and never wait for a writer: a FIFO opened for reading
 * without O_NONBLOCK blocks a thread of Node's small pool until someone writes, and four of them stall every
 * file operation of the process. (Windows has neither flag, nor FIFOs among files: there the lstat before
 * opening and the fstat after it are the guard.)
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** A local disk answers in milliseconds; a network share that went away may never answer. */
export const FILE_TIMEOUT_MS = 20_000;

/** A file Doppel will not read as a photo, in words a photographer can act on. */
export class UnsafeFileError extends Error {
  override name = 'UnsafeFileError';
}

export interface IndexedState {
  size: number;
  /** Whole milliseconds, as the index stores them. */
  mtimeMs: number;
}

export interface OpenOptions {
  /** The size and mtime the index recorded: a file that differs is not the photo that was indexed. */
  expect?: IndexedState;
  /**
   * The library folder, by real path, a link may point into (a link to another photo of the library). A
   * link elsewhere, or any link when this is absent, is refused.
   */
  linksWithin?: string;
  timeoutMs?: number;
}

/** A regular file, opened, checked, and held open until `close`. */
export interface OpenedFile {
  /** The path asked for (its extension names RAW formats). */
  path: string;
  handle: FileHandle;
  size: number;
  mtimeMs: number;
  /**
   * A path naming exactly this open file, for readers that take a path (sharp, the RAW reader): on Linux
   * `/proc/self/fd/N`, so swapping the file after the check cannot change what they read. Elsewhere the
   * file's own path; `unchanged()` then tells whether it was swapped meanwhile. Valid until `close`.
   */
  readPath: string;
  /**
   * Whether readers that went by `readPath` read the opened file: always on Linux; elsewhere, whether the
   * path still names it, unchanged.
   */
  readUnchanged(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Open a file only if it is a regular file (not a FIFO, a device, a socket or a folder, and not a link
 * unless it points inside `linksWithin`), and, with `expect`, still the size and mtime the index recorded.
 * The check is made on the opened descriptor, so a swap between looking and opening cannot win. Throws
 * UnsafeFileError (or the system's error for a missing or unreadable file).
 */
export async function openRegularFile(path: string, options: OpenOptions = {}): Promise<OpenedFile> {
  const timeoutMs = options.timeoutMs ?? FILE_TIMEOUT_MS;
  let target = path;
  let seen = await timed(lstat(path), timeoutMs);
  if (seen.isSymbolicLink()) {
    if (!options.linksWithin) throw new UnsafeFileError('a link to another file, not a photo file');
    target = await timed(realpath(path), timeoutMs);
    if (!isInside(target, options.linksWithin))
      throw new UnsafeFileError('a link to a file outside its library folder');
    seen = await timed(lstat(target), timeoutMs);
  }
  if (!seen.isFile()) throw new UnsafeFileError(`${describeKind(seen)}, not a photo file`);
  const handle = await openWithin(target, timeoutMs);
  try {
    const info = await timed(handle.stat(), timeoutMs);
    if (!info.isFile()) throw new UnsafeFileError(`${describeKind(info)}, not a photo file`);
    if (!sameFile(info, seen)) throw new UnsafeFileError('replaced while Doppel was opening it');
    const mtimeMs = Math.floor(info.mtimeMs);
    if (options.expect && (info.size !== options.expect.size || mtimeMs !== options.expect.mtimeMs))
      throw new UnsafeFileError('changed since it was indexed');
    const descriptor = await descriptorPath(handle, info);
    return {
      path,
      handle,
      size: info.size,
      mtimeMs,
      readPath: descriptor ?? target,
      readUnchanged: async () => {
        if (descriptor) return true;
        const now = await lstat(target).catch(() => null);
        return (
          Boolean(now?.isFile() && sameFile(now, info) && now.size === info.size) &&
          Math.floor(now!.mtimeMs) === mtimeMs
        );
      },
      // A close waits for reads still pending, which on a share that went away may never end.
      close: () => timed(handle.close(), timeoutMs).catch(() => undefined),
    };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

/**
 * The file's bytes as a stream of exactly the opened size, never more in memory than a chunk or two; a
 * read that takes longer than the timeout ends the stream with an error. The stream owns the file: it
 * closes it when it ends, fails or is destroyed.
 */
export function streamOpenedFile(file: OpenedFile, timeoutMs = FILE_TIMEOUT_MS): Readable {
  let position = 0;
  return new Readable({
    highWaterMark: 1024 * 1024,
    read(size) {
      const length = Math.min(size, file.size - position);
      if (length <= 0) {
        this.push(null);
        return;
      }
      readChunk(file, Buffer.allocUnsafe(length), position, timeoutMs).then(
        (chunk) => {
          position += chunk.length;
          this.push(chunk);
        },
        (error: Error) => this.destroy(error),
      );
    },
    destroy(error, callback) {
      file.close().then(() => callback(error));
    },
  });
}

/** The whole file in memory, for decoders that need it so (HEIC): refused past `maxBytes`. */
export async function readOpenedFile(
  file: OpenedFile,
  maxBytes: number,
  timeoutMs = FILE_TIMEOUT_MS,
): Promise<Buffer> {
  if (file.size > maxBytes)
    throw new UnsafeFileError(`too large to open (over ${Math.round(maxBytes / 1024 / 1024)} MB)`);
  const bytes = Buffer.alloc(file.size);
  for (let position = 0; position < file.size;)
    position += (await readChunk(file, bytes.subarray(position), position, timeoutMs)).length;
  return bytes;
}

/**
 * Up to `into.length` bytes at `position` (fewer only at the opened size's end), within the timeout. A file
 * that ends before its opened size was cut short meanwhile: an error, not a silently short read.
 */
export async function readChunk(
  file: OpenedFile,
  into: Buffer,
  position: number,
  timeoutMs = FILE_TIMEOUT_MS,
): Promise<Buffer> {
  const length = Math.min(into.length, file.size - position);
  if (length <= 0) return into.subarray(0, 0);
  const { bytesRead } = await timed(file.handle.read(into, 0, length, position), timeoutMs);
  if (bytesRead === 0) throw new UnsafeFileError('cut short while being read');
  return into.subarray(0, bytesRead);
}

/** Open without following a link and without blocking; a handle that arrives after the timeout is closed. */
async function openWithin(path: string, timeoutMs: number): Promise<FileHandle> {
  const opening = open(path, OPEN_FLAGS);
  try {
    return await timed(opening, timeoutMs);
  } catch (error) {
    opening.then((late) => late.close()).catch(() => undefined);
    // ELOOP: the last component became a link between the lstat and the open.
    if ((error as NodeJS.ErrnoException).code === 'ELOOP')
      throw new UnsafeFileError('replaced while Doppel was opening it');
    throw error;
  }
}

/** Linux's name for an open descriptor, when /proc is there and agrees it is this file. */
async function descriptorPath(handle: FileHandle, info: Stats): Promise<string | null> {
  if (process.platform !== 'linux') return null;
  const path = `/proc/self/fd/${handle.fd}`;
  const named = await stat(path).catch(() => null);
  return named && sameFile(named, info) ? path : null;
}

/** Same device and inode, where the system reports them (0 on file systems without stable ones). */
function sameFile(a: Stats, b: Stats): boolean {
  if (a.ino === 0 || b.ino === 0) return a.size === b.size;
  return a.ino === b.ino && a.dev === b.dev;
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function describeKind(info: Stats): string {
  if (info.isFIFO()) return 'a pipe';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  if (info.isDirectory()) return 'a folder';
  if (info.isSymbolicLink()) return 'a link';
  return 'a special file';
}

/** The promise, or a clear error once `ms` pass (the operation itself cannot be cancelled). */
function timed<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new UnsafeFileError(`no answer within ${Math.round(ms / 1000)} s (a drive that went away?)`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
