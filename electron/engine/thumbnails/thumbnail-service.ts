import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import { parseForeignPath } from '../../../shared/machines/machine-paths';
import { openPhotoSource } from '../image/photo-source';
import { openRegularFile, streamOpenedFile, type OpenedFile } from '../platform/safe-file';
import type { IndexedFile, PhotoStore } from '../store/photo-store';
import { ThumbnailCache } from './thumbnail-cache';

export interface MediaResponse {
  /** Thumbnails and converted views in memory; an original as a stream of the file, never read whole. */
  body: Buffer | Readable;
  contentType: string;
  /** The stream's length in bytes, when body is a stream. */
  length?: number;
}

/** A thumbnail or a converted view: small enough to hold, so always in memory. */
export interface BufferedMedia extends MediaResponse {
  body: Buffer;
}

const DEFAULT_EDGE = 256;
const DEFAULT_MAX_BYTES = 1024 * 1024 * 1024;

const BROWSER_SAFE = new Set(['.jpg', '.jpeg', '.png', '.webp', '.gif', '.avif']);

/**
 * Thumbnails and full-size views, for indexed files only: a path outside the library (`..` tricks included,
 * since lookups are by exact stored path) gets null, and so does a path that no longer names the file that
 * was indexed: it must still be a regular file of the recorded size and mtime (not a link swapped in to a
 * file elsewhere, a FIFO or a device), checked on the opened descriptor, which is then what is read.
 * Thumbnails are cached on disk by content hash, so a renamed photo keeps its thumbnail and an edited one
 * gets a new one.
 */
export class ThumbnailService {
  private readonly cache: ThumbnailCache;

  constructor(
    private readonly photos: PhotoStore,
    cacheDir: () => string,
    /** The thumbnailCacheMaxMb setting in bytes; read on every write so a change applies at once. */
    cacheMaxBytes: () => number = () => DEFAULT_MAX_BYTES,
  ) {
    this.cache = new ThumbnailCache(cacheDir, cacheMaxBytes);
  }

  async thumbnail(path: string, size: number): Promise<BufferedMedia | null> {
    // Another computer's photo (a shared index): its file is there, and its path means nothing on this disk.
    if (parseForeignPath(path)) return null;
    const indexed = await this.photos.indexedFile(path);
    const file = indexed && (await openIndexed(path, indexed));
    if (!indexed || !file) return null;
    try {
      const edge = Number.isFinite(size) ? Math.min(1024, Math.max(32, Math.round(size))) : DEFAULT_EDGE;
      const key = `${indexed.hash}-${edge}.jpg`;
      const cached = await this.cache.get(key);
      if (cached) return { body: cached, contentType: 'image/jpeg' };
      // The same opener as indexing: HEIC through libheif, RAW through its preview, the rest through sharp;
      // already upright.
      const { image } = await openPhotoSource(file);
      const body = await image
        .resize(edge, edge, { fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: 82, mozjpeg: false })
        .toBuffer();
      if (!(await file.readUnchanged())) return null;
      await this.cache.put(key, body);
      return { body, contentType: 'image/jpeg' };
    } finally {
      await file.close();
    }
  }

  /**
   * The original bytes, streamed, when a browser can show them; otherwise (TIFF, HEIC, RAW…) a full-size
   * JPEG.
   */
  async fullImage(path: string): Promise<MediaResponse | null> {
    if (parseForeignPath(path)) return null;
    const indexed = await this.photos.indexedFile(path);
    const file = indexed && (await openIndexed(path, indexed));
    if (!file) return null;
    const extension = extname(path).toLowerCase();
    if (BROWSER_SAFE.has(extension)) {
      const type = extension === '.jpg' ? 'jpeg' : extension.slice(1);
      // The stream owns the file from here and closes it when it ends or is abandoned.
      return { body: streamOpenedFile(file), contentType: `image/${type}`, length: file.size };
    }
    try {
      const { image } = await openPhotoSource(file);
      const body = await image.jpeg({ quality: 92 }).toBuffer();
      return (await file.readUnchanged()) ? { body, contentType: 'image/jpeg' } : null;
    } finally {
      await file.close();
    }
  }
}

/** The file at `path` if it is still the one indexed there; null for anything else. */
function openIndexed(path: string, indexed: IndexedFile): Promise<OpenedFile | null> {
  return openRegularFile(path, { expect: indexed, linksWithin: indexed.folder }).catch(() => null);
}
