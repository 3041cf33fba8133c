import type { PhotoRecord } from '../store/photo-rows';

/**
 * A photo row that only a vector test cares about (cells, pairs): its path, content hash, model and vector;
 * every other field a fixed value no such test reads.
 */
export function vectorPhotoRecord(path: string, hash: string, model: string, vector: number[]): PhotoRecord {
  return {
    path,
    folder: '/lib',
    size: 100,
    mtimeMs: 1,
    hash,
    width: 4,
    height: 3,
    format: 'jpeg',
    takenAt: null,
    signature: [],
    pixelVector: [],
    model,
    vector,
  };
}
