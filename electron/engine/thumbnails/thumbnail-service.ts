import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { openPhotoSource } from '../image/photo-source';
import type { PhotoStore } from '../store/photo-store';
import { ThumbnailCache } from './thumbnail-cache';

export interface MediaResponse {
  body: Buffer;
  contentType: string;
}

const DEFAULT_EDGE = 256;
const DEFAULT_MAX_BYTES = 1024 * 1024 * 1024;

const BROWSER_SAFE = new Set(['.jpg', '.jpeg', '.png', '.webp', '.gif', '.avif']);

/**
 * Thumbnails and full-size views, for indexed files only: a path outside the library (`..` tricks included,
 * since lookups are by exact stored path) gets null. Thumbnails are cached on disk by content hash, so a
 * renamed photo keeps its thumbnail and an edited one gets a new one.
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

  async thumbnail(path: string, size: number): Promise<MediaResponse | null> {
    const hash = (await this.photos.hashesOf([path])).get(path);
    if (!hash) return null;
    const edge = Number.isFinite(size) ? Math.min(1024, Math.max(32, Math.round(size))) : DEFAULT_EDGE;
    const key = `${hash}-${edge}.jpg`;
    const cached = await this.cache.get(key);
    if (cached) return { body: cached, contentType: 'image/jpeg' };
    // The same opener as indexing: HEIC through libheif, RAW through its preview, the rest through sharp;
    // already upright.
    const { image } = await openPhotoSource(path);
    const body = await image
      .resize(edge, edge, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: false })
      .toBuffer();
    await this.cache.put(key, body);
    return { body, contentType: 'image/jpeg' };
  }

  /** The original bytes when a browser can show them; otherwise (TIFF, HEIC, RAW…) a full-size JPEG. */
  async fullImage(path: string): Promise<MediaResponse | null> {
    if (!(await this.photos.hashesOf([path])).has(path)) return null;
    const extension = extname(path).toLowerCase();
    if (BROWSER_SAFE.has(extension)) {
      const type = extension === '.jpg' ? 'jpeg' : extension.slice(1);
      return { body: await readFile(path), contentType: `image/${type}` };
    }
    const { image } = await openPhotoSource(path);
    const body = await image.jpeg({ quality: 92 }).toBuffer();
    return { body, contentType: 'image/jpeg' };
  }
}
