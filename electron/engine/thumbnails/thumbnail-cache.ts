import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The cache's own files: `<sha256 of the photo>-<edge>.jpg`, in a folder named by its first two letters. */
const THUMBNAIL_NAME = /^[0-9a-f]{64}-\d{1,4}\.jpg$/;
const SHARD_NAME = /^[0-9a-f]{2}$/;

/** Whether a file is one this cache wrote: nothing else in the folder is ever counted or deleted. */
export function isThumbnailFile(shard: string, name: string): boolean {
  return SHARD_NAME.test(shard) && THUMBNAIL_NAME.test(name) && name.startsWith(shard);
}

interface Entry {
  size: number;
  /** Last use in ms; kept on disk as the file's mtime so the order survives a restart. */
  usedAt: number;
}

/**
 * Thumbnails on disk, keyed by content hash, capped in size: when a write takes the folder over the limit,
 * the least recently used files go until it is back under 90% of it (so we do not evict on every write).
 * The folder and the limit are read on every call, so a change in Settings applies at once; a new folder
 * is scanned once, in the background of the first write. Only files named like its own are ever counted or
 * deleted: a misconfigured folder full of someone's photos is left alone.
 */
export class ThumbnailCache {
  private entries = new Map<string, Entry>();
  private indexedDir: string | null = null;
  private indexing: Promise<void> | null = null;
  private total = 0;
  private evicting: Promise<void> | null = null;
  private writes = 0;

  constructor(
    private readonly dir: () => string,
    private readonly maxBytes: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The relative file for a key: two-level fan-out keeps directories small. */
  private fileFor(key: string): string {
    if (!THUMBNAIL_NAME.test(key)) throw new Error(`not a thumbnail key: ${key}`);
    return join(this.dir(), key.slice(0, 2), key);
  }

  async get(key: string): Promise<Buffer | null> {
    const file = this.fileFor(key);
    const body = await readFile(file).catch(() => null);
    if (!body) return null;
    const usedAt = this.now();
    const entry = this.entries.get(file);
    if (entry) entry.usedAt = usedAt;
    const seconds = usedAt / 1000;
    await utimes(file, seconds, seconds).catch(() => undefined);
    return body;
  }

  async put(key: string, body: Buffer): Promise<void> {
    const file = this.fileFor(key);
    await mkdir(dirname(file), { recursive: true });
    // Written to a temporary name then renamed, so a reader never sees half a thumbnail.
    const temporary = `${file}.${process.pid}-${(this.writes++).toString(36)}.tmp`;
    await writeFile(temporary, body);
    await rename(temporary, file);
    const usedAt = this.now();
    await utimes(file, usedAt / 1000, usedAt / 1000).catch(() => undefined);
    await this.index();
    const previous = this.entries.get(file);
    this.total += body.length - (previous?.size ?? 0);
    this.entries.set(file, { size: body.length, usedAt });
    if (this.total > this.maxBytes()) await this.evict(file);
  }

  /** Bytes the cache holds, as far as this process knows. */
  async size(): Promise<number> {
    await this.index();
    return this.total;
  }

  private async index(): Promise<void> {
    const dir = this.dir();
    if (this.indexedDir === dir) return this.indexing ?? undefined;
    this.indexedDir = dir;
    this.entries = new Map();
    this.total = 0;
    this.indexing = this.scan(dir);
    return this.indexing;
  }

  private async scan(dir: string): Promise<void> {
    const shards = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const shard of shards) {
      if (!shard.isDirectory() || !SHARD_NAME.test(shard.name)) continue;
      const files = await readdir(join(dir, shard.name)).catch(() => [] as string[]);
      for (const name of files) {
        if (!isThumbnailFile(shard.name, name)) continue;
        const file = join(dir, shard.name, name);
        const info = await stat(file).catch(() => null);
        if (!info?.isFile() || this.entries.has(file)) continue;
        this.entries.set(file, { size: info.size, usedAt: info.mtimeMs });
        this.total += info.size;
      }
    }
  }

  private async evict(keep: string): Promise<void> {
    if (this.evicting) return this.evicting;
    this.evicting = (async () => {
      const target = this.maxBytes() * 0.9;
      const oldestFirst = [...this.entries].sort((a, b) => a[1].usedAt - b[1].usedAt);
      for (const [file, entry] of oldestFirst) {
        if (this.total <= target) break;
        if (file === keep) continue;
        await rm(file, { force: true });
        this.entries.delete(file);
        this.total -= entry.size;
      }
    })().finally(() => (this.evicting = null));
    return this.evicting;
  }
}
