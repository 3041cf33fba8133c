import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ensurePrivateDir, writePrivateFileAtomic } from '../platform/private-files';

const FILE_NAME = 'trash-log.json';
/** Undo is for the action just taken; a log that grew without end would only slow every trash down. */
const MAX_ACTIONS = 200;
/** Bulk trashes are up to 10,000 files a batch: the log keeps at most this many files in all. */
const MAX_FILES = 50_000;
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

const LoggedFileSchema = z.object({
  /** Where the photo was in the library. */
  original: z.string(),
  /** Where the trash put it. */
  trashedPath: z.string(),
  infoPath: z.string().optional(),
  /** The trashed file as it was right after the move: a restore checks it is still that file. */
  size: z.number(),
  mtimeMs: z.number(),
  dev: z.number(),
  ino: z.number(),
  /** Set by the system whenever the file is created or changed, never by a program: a replacement shows. */
  ctimeMs: z.number(),
});
export type LoggedFile = z.infer<typeof LoggedFileSchema>;

const ActionSchema = z.object({ id: z.string(), at: z.number(), files: z.array(LoggedFileSchema) });
export type TrashAction = z.infer<typeof ActionSchema>;

/**
 * What this Doppel trashed from this data folder, and where each file went: the only thing a restore will
 * put back, so the restore method cannot be used to move any other file. Kept in the data folder (this
 * user's only, written atomically); one process owns the folder, so there is one writer.
 */
export class TrashLog {
  private actions: TrashAction[];

  constructor(
    private readonly dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.actions = readLog(dataDir);
  }

  /** Records one trash action; returns its id for the undo. */
  add(files: LoggedFile[]): string {
    const id = randomUUID();
    const oldest = this.now() - MAX_AGE_MS;
    this.actions = [...this.actions.filter((action) => action.at >= oldest), { id, at: this.now(), files }];
    this.actions = this.actions.slice(-MAX_ACTIONS);
    let total = this.actions.reduce((sum, action) => sum + action.files.length, 0);
    while (total > MAX_FILES && this.actions.length > 1) total -= this.actions.shift()!.files.length;
    this.save();
    return id;
  }

  find(id: string): TrashAction | undefined {
    return this.actions.find((action) => action.id === id);
  }

  /** Forgets files of an action once they are back (or gone for good); an emptied action goes too. */
  forget(id: string, originals: ReadonlySet<string>): void {
    this.actions = this.actions
      .map((action) =>
        action.id === id
          ? { ...action, files: action.files.filter((f) => !originals.has(f.original)) }
          : action,
      )
      .filter((action) => action.files.length > 0);
    this.save();
  }

  private save(): void {
    ensurePrivateDir(this.dataDir);
    writePrivateFileAtomic(join(this.dataDir, FILE_NAME), JSON.stringify(this.actions));
  }
}

function readLog(dataDir: string): TrashAction[] {
  try {
    const parsed = z
      .array(ActionSchema)
      .safeParse(JSON.parse(readFileSync(join(dataDir, FILE_NAME), 'utf8')));
    return parsed.success ? parsed.data : [];
  } catch {
    return []; // none yet, or damaged: nothing can be undone, and nothing wrong is put back
  }
}
