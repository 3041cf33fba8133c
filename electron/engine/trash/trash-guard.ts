import { stat } from 'node:fs/promises';
import { lastPathPart } from '../../../shared/duplicates/folder-paths';
import { findRawJpegTwins, isJpegFilePath, isRawFilePath } from '../../../shared/duplicates/raw-jpeg-twins';
import { livesElsewhereSentence, parseForeignPath } from '../../../shared/machines/machine-paths';
import { isSameOrInside } from '../library/library-roots';
import { machineScope, type Database } from '../store/database';
import { FolderStore } from '../store/folder-store';
import { DuplicateGraphStore } from '../store/graph-store';
import { PairStore } from '../store/pair-store';
import { PhotoStore, type StoredFile } from '../store/photo-store';

export const LAST_COPY_REASON =
  'it is the last copy of this picture left in the library; keep one (Doppel never removes every copy in one action)';

/**
 * Checks made right before a file goes to the trash (or is moved out of the library), for what the database
 * cannot know:
 * - it is another computer's (an index shared on a server): only Doppel there can reach the file;
 * - it is in a protected folder the user marked (the master archive): never trashed, by any action;
 * - the file changed since it was read (an edit saved over it): its group is stale, rescan first;
 * - it is the very file another library path names (a hard link, a folder reached through a symlink): two
 *   names for one file look like an "identical" pair, and trashing either would remove the only copy;
 * - it is the last copy of its picture: one request may not take away every copy (identical files, or
 *   linked by any stored same-picture pair, or a RAW and its JPEG twin: one shot; similar shots are different
 *   pictures and do not count). When a
 *   request holds every copy, the LAST of them in the request's order is refused and the others go. A photo
 *   with no copy left is not affected: removing pictures one by one stays the user's choice.
 */
export class TrashGuard {
  /** Requested paths refused because every other copy of their picture is going in the same request. */
  private readonly lastCopies = new Set<string>();

  private constructor(
    private readonly stored: Map<string, StoredFile>,
    /** Live library paths by content hash: a second name for a file always has the same content. */
    private readonly byHash: Map<string, string[]>,
    /** Hashes linked to each requested hash by a stored same-picture pair. */
    private readonly partners: Map<string, Set<string>>,
    private readonly protectedFolders: string[],
    /** The name of each other computer a requested path lives on, and what the action would do there. */
    private readonly elsewhere: { names: Map<string, string>; action: string },
    /** The RAW+JPEG twins of each requested RAW or JPEG that is one (live library paths). */
    private readonly twins: Map<string, string[]>,
  ) {}

  /** `action`: what Doppel on the photo's own computer would do, for the sentence naming it. */
  static async load(db: Database, paths: string[], action = 'move it to the Trash'): Promise<TrashGuard> {
    const photos = new PhotoStore(db);
    const rows = await photos.storedFiles(paths);
    const stored = new Map(rows.map((row) => [row.path, row]));
    const hashes = [...new Set(rows.map((row) => row.hash).filter((hash) => hash !== ''))];
    const partners = await new PairStore(db).samePicturePartners(hashes);
    const copyHashes = new Set([...hashes, ...[...partners.values()].flatMap((linked) => [...linked])]);
    const protectedFolders = await new FolderStore(db).protectedFolders();
    const byHash = await photos.pathsByHash([...copyHashes]);
    const names = await machineScope(db).ownerNames(paths);
    const twins = await twinsOf(db, [...stored.keys()]);
    const guard = new TrashGuard(stored, byHash, partners, protectedFolders, { names, action }, twins);
    await guard.refuseLastCopies(paths);
    return guard;
  }

  /** Why this path must not go to the trash now, or null. Call it right before moving the file. */
  async problem(path: string): Promise<string | null> {
    return (await this.fileProblem(path)) ?? (this.lastCopies.has(path) ? LAST_COPY_REASON : null);
  }

  private async fileProblem(path: string): Promise<string | null> {
    const row = this.stored.get(path);
    if (!row) return 'not in the library';
    const owner = parseForeignPath(path)?.machineId;
    if (owner !== undefined)
      return livesElsewhereSentence(
        this.elsewhere.names.get(owner) ?? 'another computer',
        this.elsewhere.action,
      );
    const shield = this.protectedFolders.find((folder) => isSameOrInside(path, folder));
    if (shield) return `it is in a protected folder (${lastPathPart(shield)}); Doppel never trashes it`;
    const info = await stat(path).catch(() => null);
    if (!info) return 'the file is no longer there: rescan first';
    if (info.size !== row.size || Math.floor(info.mtimeMs) !== row.mtimeMs)
      return 'changed since Doppel read it: rescan first';
    for (const other of this.byHash.get(row.hash) ?? []) {
      // Another computer's copy is another file, and its path is not one to look up here.
      if (other === path || parseForeignPath(other)) continue;
      const twin = await stat(other).catch(() => null);
      if (twin && info.ino !== 0 && twin.dev === info.dev && twin.ino === info.ino)
        return `this is the same file as ${other}, not a copy`;
    }
    return null;
  }

  /**
   * Decides once, for the whole request, which photos must stay so that every picture keeps a copy. Only
   * photos that pass the other checks now can go (a refused one stays, and so keeps its picture); walking
   * the request from its end, a photo all of whose copies are going is kept, so the last of a set stays.
   * A photo that then fails at its turn only leaves more copies.
   */
  private async refuseLastCopies(paths: string[]): Promise<void> {
    const requested = [...new Set(paths)];
    const going = new Set<string>();
    for (const path of requested) if ((await this.fileProblem(path)) === null) going.add(path);
    for (const path of requested.reverse()) {
      if (!going.has(path)) continue;
      const copies = this.copiesOf(path);
      if (copies.length > 0 && copies.every((copy) => going.has(copy))) {
        going.delete(path);
        this.lastCopies.add(path);
      }
    }
  }

  /**
   * The other live library paths holding the same picture: identical content, a same-picture pair, or the
   * RAW+JPEG twin (a camera's two files of one shot).
   */
  private copiesOf(path: string): string[] {
    const twins = this.twins.get(path) ?? [];
    const hash = this.stored.get(path)?.hash ?? '';
    if (hash === '') return twins;
    const hashes = [hash, ...(this.partners.get(hash) ?? [])];
    const copies = hashes.flatMap((h) => this.byHash.get(h) ?? []);
    return [...new Set([...copies, ...twins])].filter((other) => other !== path);
  }
}

/** Each of `paths` that is a RAW or a JPEG with a twin in the library, with its twins. */
async function twinsOf(db: Database, paths: string[]): Promise<Map<string, string[]>> {
  const candidates = paths.filter((path) => isRawFilePath(path) || isJpegFilePath(path));
  const twins = new Map<string, string[]>();
  if (candidates.length === 0) return twins;
  const library = await new DuplicateGraphStore(db).twinCandidatesOf(candidates);
  for (const [raw, jpeg] of findRawJpegTwins(new Set([...candidates, ...library]))) {
    twins.set(raw, [...(twins.get(raw) ?? []), jpeg]);
    twins.set(jpeg, [...(twins.get(jpeg) ?? []), raw]);
  }
  return twins;
}
