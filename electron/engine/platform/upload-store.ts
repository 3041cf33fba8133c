import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { QueryImage } from '../../../shared/contract/methods';
import { UPLOAD_ID_PATTERN } from '../../../shared/contract/transport';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-files';

/** How long an uploaded query photo is kept: long enough to search again with it, short enough to forget. */
export const UPLOAD_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Query photos a browser (or a paste in the desktop app) uploaded, under `<data>/uploads`. They are the
 * user's pictures but not in their library: kept a day so a search can be repeated, then deleted.
 */
export class UploadStore {
  constructor(private readonly dataDir: string) {}

  private get dir(): string {
    return join(this.dataDir, 'uploads');
  }

  async save(bytes: Buffer): Promise<string> {
    const id = randomUUID().replaceAll('-', '');
    // The user's pictures: readable by this user only, like the rest of the data folder.
    await mkdir(this.dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    await writeFile(join(this.dir, id), bytes, { flag: 'wx', mode: PRIVATE_FILE_MODE });
    return id;
  }

  pathOf(id: string): string {
    if (!UPLOAD_ID_PATTERN.test(id)) throw new Error('not an upload id');
    return join(this.dir, id);
  }

  /** The file a search reads: a path the user gave, or the upload a browser sent before the search. */
  queryImagePath(image: QueryImage): string {
    return 'path' in image ? resolve(image.path) : this.pathOf(image.uploadId);
  }

  /**
   * Uploads are kept a day (a search can be repeated), swept when the engine opens and after a search with
   * one. Nobody waits for it: a failure is logged, never a reason for the search to fail.
   */
  async sweepQuietly(): Promise<void> {
    await this.sweep().catch((error: unknown) => {
      console.error(`doppel: cleaning old uploads: ${(error as Error).message}`);
    });
  }

  /** Delete uploads older than a day; only files named like an upload id, so nothing else is touched. */
  async sweep(now = Date.now()): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.dir).catch(() => [] as string[])) {
      if (!UPLOAD_ID_PATTERN.test(name)) continue;
      const file = join(this.dir, name);
      const info = await stat(file).catch(() => null);
      if (!info?.isFile() || now - info.mtimeMs < UPLOAD_MAX_AGE_MS) continue;
      await rm(file, { force: true });
      removed++;
    }
    return removed;
  }
}
