import type { PhotoInfo } from '../../../shared/contract/entities';
import { FOREIGN_PATH_MARKER, foreignPath, parseForeignPath } from '../../../shared/machines/machine-paths';
import { isUnhashed, unhashedPlaceholder } from '../indexing/unhashed';

/**
 * Whose photos are whose, in one index several computers write to (a ClickHouse server). Every stored
 * photo and folder row is keyed by its path on its own computer behind that computer's key prefix, so two
 * computers' "/Users/anna/Pictures" are two keys and neither replaces the other's rows. The database's
 * first computer (the one that wrote its rows before computers were told apart, and every embedded
 * library) keeps plain paths: its rows, old and new, need no rewrite, and a migration changes no sort key.
 *
 * The engine never sees keys: the stores turn them into paths as this computer names them (its own photos
 * by their plain path, as the user types them; another computer's as `doppel-machine:<id>:<path>`) and
 * back. Pure: the SQL that registers computers is in machine-store.ts.
 */
export class MachineScope {
  private constructor(
    /** This computer's id ('' for a database opened without one: a test's store, before registering). */
    readonly self: string,
    /** The computer whose keys are plain paths. */
    readonly home: string,
    private names: ReadonlyMap<string, string>,
    private readonly reloadNames: () => Promise<ReadonlyMap<string, string>>,
  ) {}

  /** One computer, no ids: keys are paths (a store opened on its own, as most store tests do). */
  static single(): MachineScope {
    return new MachineScope('', '', new Map(), () => Promise.resolve(new Map()));
  }

  static of(
    self: string,
    home: string,
    names: ReadonlyMap<string, string>,
    reloadNames: () => Promise<ReadonlyMap<string, string>>,
  ): MachineScope {
    return new MachineScope(self, home, names, reloadNames);
  }

  /** Whether every row is this computer's key space as it always was (embedded, or the first computer). */
  get isHome(): boolean {
    return this.self === this.home;
  }

  private prefixOf(machineId: string): string {
    return machineId === this.home ? '' : foreignPath(machineId, '');
  }

  /** The stored key of a path as this computer names it. */
  toKey(path: string): string {
    const foreign = parseForeignPath(path);
    if (!foreign) return this.prefixOf(this.self) + path;
    return this.prefixOf(foreign.machineId) + foreign.path;
  }

  /** The path this computer names a stored key by. */
  toPath(key: string): string {
    const foreign = parseForeignPath(key);
    const owner = foreign?.machineId ?? this.home;
    const path = foreign?.path ?? key;
    return owner === this.self ? path : foreignPath(owner, path);
  }

  /**
   * A row's hash as stored: a placeholder (content not hashed yet, derived from the path) is derived from
   * the key instead, so two computers' files at one path are never taken for identical copies.
   */
  hashToStore(hash: string, path: string): string {
    return isUnhashed(hash, path) ? unhashedPlaceholder(this.toKey(path)) : hash;
  }

  /** A stored hash as the engine knows it (the placeholder of the path it names the row by). */
  hashAsRead(hash: string, key: string): string {
    return isUnhashed(hash, key) ? unhashedPlaceholder(this.toPath(key)) : hash;
  }

  /** The computer a path (as this computer names it) lives on; null when it is this computer's own. */
  ownerOf(path: string): string | null {
    return parseForeignPath(path)?.machineId ?? null;
  }

  /** The human name of a computer ("Anna's MacBook"), asking the database again for one it has not met. */
  async nameOf(machineId: string): Promise<string> {
    if (!this.names.has(machineId)) this.names = await this.reloadNames();
    return this.names.get(machineId) ?? 'another computer';
  }

  /** A name for every id of these paths' owners (one reload at most), for photos shown in a batch. */
  async ownerNames(paths: Iterable<string>): Promise<Map<string, string>> {
    const owners = new Map<string, string>();
    for (const path of paths) {
      const owner = this.ownerOf(path);
      if (owner !== null && !owners.has(owner)) owners.set(owner, await this.nameOf(owner));
    }
    return owners;
  }

  /** Photos read by key, named as this computer names them, another computer's with its owner's name. */
  async photoInfos<T extends PhotoInfo>(stored: T[]): Promise<T[]> {
    const paths = stored.map((photo) => this.toPath(photo.path));
    const names = await this.ownerNames(paths);
    return stored.map((photo, index) => {
      const path = paths[index]!;
      const owner = this.ownerOf(path);
      if (owner === null) return path === photo.path ? photo : { ...photo, path };
      return { ...photo, path, machine: names.get(owner)! };
    });
  }

  /**
   * SQL restricting `column` (a key) to this computer's own rows: what scans, vanished-file checks, the
   * look and the embedding may touch. Only hex digits and the marker are spliced in, never a value.
   */
  ownRowsCondition(column = 'path'): string {
    if (this.isHome) return `NOT startsWith(${column}, '${FOREIGN_PATH_MARKER}')`;
    return `startsWith(${column}, '${this.prefixOf(this.self)}')`;
  }
}
