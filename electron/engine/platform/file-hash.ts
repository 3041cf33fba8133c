import { createHash } from 'node:crypto';
import { openRegularFile, readChunk, type OpenedFile, type OpenOptions } from './safe-file';

const CHUNK_BYTES = 1024 * 1024;

/**
 * sha256 of a file's bytes, read a chunk at a time so a 100 MB RAW never sits in memory whole. Only a
 * regular file is read (a FIFO or a link to /dev/zero named like a photo is refused at once).
 */
export async function hashFile(path: string, options: OpenOptions = {}): Promise<string> {
  const file = await openRegularFile(path, options);
  try {
    return await hashOpenedFile(file);
  } finally {
    await file.close();
  }
}

/**
 * sha256 of the file's first `bytes` bytes (all of it when shorter): files whose starts differ cannot be
 * identical, so a cheap read rules most same-size files out before a full hash.
 */
export async function hashFileStart(path: string, bytes: number, options: OpenOptions = {}): Promise<string> {
  const file = await openRegularFile(path, options);
  try {
    const start = await readChunk(file, Buffer.allocUnsafe(Math.max(1, Math.min(bytes, file.size))), 0);
    return createHash('sha256').update(start).digest('hex');
  } finally {
    await file.close();
  }
}

/** sha256 of exactly the opened size, leaving the file open for whoever reads it next. */
export async function hashOpenedFile(file: OpenedFile): Promise<string> {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, Math.max(1, file.size)));
  for (let position = 0; position < file.size;) {
    const chunk = await readChunk(file, buffer, position);
    hash.update(chunk);
    position += chunk.length;
  }
  return hash.digest('hex');
}
