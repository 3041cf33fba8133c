import { constants } from 'node:fs';
import { copyFile, link, open, rm, stat, unlink, utimes } from 'node:fs/promises';
import { hashFile } from '../platform/file-hash';

/** The destination already holds a file: nothing was moved and nothing was overwritten. */
export class DestinationExistsError extends Error {
  override name = 'DestinationExistsError';
  constructor(readonly destination: string) {
    super(`a file named ${destination} is already there`);
  }
}

/** Codes for "this file system cannot hard-link" (FAT and exFAT drives, some network shares). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK']);

/**
 * Moves a file to `to` only if nothing is there, never replacing what is. On one file system a hard link
 * then an unlink (link() refuses an existing name atomically, unlike rename, which replaces it); across file
 * systems, or where links are not supported, an exclusive copy that is flushed to the disk and checked (size
 * and sha256) before the original is removed, keeping the photo's times. If anything fails the original
 * stays where it was and a partial copy is removed.
 */
export async function moveWithoutOverwrite(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') throw new DestinationExistsError(to);
    if (code !== 'EXDEV' && !NO_HARD_LINKS.has(code)) throw error;
    await copyVerified(from, to);
  }
  try {
    await unlink(from);
  } catch (error) {
    // The original cannot go (read-only drive): take the new name back, so there are not two of it.
    await unlink(to).catch(() => undefined);
    throw error;
  }
}

async function copyVerified(from: string, to: string): Promise<void> {
  const before = await stat(from);
  try {
    await copyFile(from, to, constants.COPYFILE_EXCL);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new DestinationExistsError(to);
    await rm(to, { force: true });
    throw error;
  }
  try {
    const handle = await open(to, 'r+');
    try {
      await handle.sync(); // on the disk before the original goes: a power cut must not lose both
    } finally {
      await handle.close();
    }
    await utimes(to, before.atime, before.mtime);
    const copied = await stat(to);
    if (copied.size !== before.size) throw new Error('the copy came out a different size');
    if ((await hashFile(to)) !== (await hashFile(from)))
      throw new Error('the copy does not match the original');
  } catch (error) {
    await rm(to, { force: true });
    throw error;
  }
}
