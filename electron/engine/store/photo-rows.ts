import type { PhotoInfo } from '../../../shared/contract/entities';

/** A photos row as written; `vector` is empty when no model has embedded the photo yet. */
export interface PhotoRow {
  path: string;
  folder: string;
  size: number;
  mtime_ms: number;
  hash: string;
  width: number;
  height: number;
  format: string;
  taken_at: string | null;
  signature: number[];
  pixel_vector: number[];
  model: string;
  vector: number[];
  version: number;
  is_deleted: number;
}

/** Columns the UI needs, without vectors. */
export const PHOTO_INFO_COLUMNS = 'path, hash, size, mtime_ms, width, height, format, taken_at';

export interface PhotoInfoRow {
  path: string;
  hash: string;
  size: string | number;
  mtime_ms: string | number;
  width: number;
  height: number;
  format: string;
  taken_at: string | null;
}

export function toPhotoInfo(row: PhotoInfoRow): PhotoInfo {
  return {
    path: row.path,
    hash: row.hash,
    size: Number(row.size),
    mtimeMs: Number(row.mtime_ms),
    width: row.width,
    height: row.height,
    format: row.format,
    takenAt: row.taken_at ? row.taken_at.replace(' ', 'T') : null,
  };
}

/** ClickHouse DateTime64 text from an ISO string without zone. */
export function toClickHouseDateTime(iso: string | null): string | null {
  return iso ? iso.replace('T', ' ').replace(/Z$/, '') : null;
}
