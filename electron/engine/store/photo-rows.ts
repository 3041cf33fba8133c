import type { PhotoInfo } from '../../../shared/contract/entities';

/*
 * How photos are stored: the photos row, its columns and versions, and the mapping from and to the
 * engine's shapes. Private to store/ (lint: local/sql-in-store): the rest of the engine uses PhotoRecord
 * and PhotoInfo through the store classes.
 */

/**
 * One photo as the indexer hands it to the store, in the engine's words: the store adds the row version
 * and the storage names (PhotoRow). `vector` is empty and `model` '' when no model has embedded it yet.
 */
export interface PhotoRecord {
  path: string;
  /** The library folder it was found under (by real path). */
  folder: string;
  size: number;
  mtimeMs: number;
  hash: string;
  width: number;
  height: number;
  format: string;
  /** ISO 8601 without a zone (the camera's clock), or null when the file says nothing. */
  takenAt: string | null;
  /** The perceptual signature (index-time fingerprint) and its coarse vector. */
  signature: ArrayLike<number>;
  pixelVector: ArrayLike<number>;
  model: string;
  vector: ArrayLike<number>;
}

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
    takenAt: fromClickHouseDateTime(row.taken_at),
  };
}

/** An ISO string without zone from ClickHouse DateTime64 text. */
function fromClickHouseDateTime(text: string | null): string | null {
  return text ? text.replace(' ', 'T') : null;
}

/** A monotonic row version: later writes win in ReplacingMergeTree even within one millisecond. */
let lastVersion = 0;
export function nextVersion(): number {
  lastVersion = Math.max(Date.now() * 1000, lastVersion + 1);
  return lastVersion;
}

/** The row that stores `record` as its live version. */
export function toPhotoRow(record: PhotoRecord, version: number): PhotoRow {
  return {
    path: record.path,
    folder: record.folder,
    size: record.size,
    mtime_ms: record.mtimeMs,
    hash: record.hash,
    width: record.width,
    height: record.height,
    format: record.format,
    taken_at: toClickHouseDateTime(record.takenAt),
    signature: Array.from(record.signature),
    pixel_vector: Array.from(record.pixelVector),
    model: record.model,
    vector: Array.from(record.vector),
    version,
    is_deleted: 0,
  };
}

/** A photos row as read back (JSON: 64-bit numbers arrive as text), in the engine's words. */
export function fromPhotoRow(row: StoredPhotoRow): PhotoRecord {
  return {
    path: row.path,
    folder: row.folder,
    size: Number(row.size),
    mtimeMs: Number(row.mtime_ms),
    hash: row.hash,
    width: Number(row.width),
    height: Number(row.height),
    format: row.format,
    takenAt: fromClickHouseDateTime(row.taken_at),
    signature: row.signature,
    pixelVector: row.pixel_vector,
    model: row.model,
    vector: row.vector,
  };
}

/** The columns of a photos row that `fromPhotoRow` reads, as JSONEachRow returns them. */
export type StoredPhotoRow = Omit<
  PhotoRow,
  'size' | 'mtime_ms' | 'width' | 'height' | 'version' | 'is_deleted'
> & {
  size: string | number;
  mtime_ms: string | number;
  width: string | number;
  height: string | number;
};

/** The columns a PhotoRecord is read from (not `SELECT *`: phash, which nothing reads, stays behind). */
export const PHOTO_RECORD_COLUMNS =
  'path, folder, size, mtime_ms, hash, width, height, format, taken_at, signature, pixel_vector, model, vector';

/** ClickHouse DateTime64 text from an ISO string without zone. */
function toClickHouseDateTime(iso: string | null): string | null {
  return iso ? iso.replace('T', ' ').replace(/Z$/, '') : null;
}
