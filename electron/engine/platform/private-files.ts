import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';

/**
 * The data folder holds the library (the database, thumbnails of the user's photos, uploaded query photos,
 * the paths of every indexed file) and secrets (settings.json may hold a ClickHouse password): only the
 * user who runs Doppel may read it. Windows has no such modes; its per-user AppData folder does the job.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates `dir` (and missing parents) readable by this user only, and tightens `dir` itself when it is
 * open to others: a data folder created by an older Doppel (0755) or chosen with --data-dir still holds the
 * database, so it is made 0700 too. A folder whose mode we may not change (another owner, a file system
 * without modes such as exFAT) is left as it is: that is the user's choice of place, not ours to refuse.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (process.platform === 'win32') return;
  if ((statSync(dir).mode & 0o077) === 0) return;
  try {
    chmodSync(dir, PRIVATE_DIR_MODE);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EROFS') throw error;
  }
}

/**
 * Writes `file` readable by this user only, atomically: a temporary file (a new one, so its mode is ours
 * and not a leftover's) is written, flushed and renamed over `file`. A reader sees the old content or the
 * new, never a missing or half-written file, and a crash leaves the old file.
 */
export function writePrivateFileAtomic(file: string, contents: string): void {
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', PRIVATE_FILE_MODE);
  try {
    try {
      writeSync(fd, contents);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
