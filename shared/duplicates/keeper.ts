import type { PhotoInfo } from '../contract/entities';
import { isRawFilePath } from './raw-jpeg-twins';

/**
 * The suggested keeper of a group, by a rule a photographer can predict:
 * 0. a camera RAW over any other file (the RAW is the original; a JPEG, even a large one, is a rendering),
 * 1. the most pixels (the original, not a resized export),
 * 2. then the largest file (less compression),
 * 3. then the oldest capture date (EXIF, else file time: the first copy, not a later re-save),
 * 4. then the shortest path, then alphabetical, so the choice is stable between runs.
 */
export function compareKeeperPreference(a: PhotoInfo, b: PhotoInfo): number {
  return (
    Number(isRawFilePath(b.path)) - Number(isRawFilePath(a.path)) ||
    b.width * b.height - a.width * a.height ||
    b.size - a.size ||
    captureTime(a) - captureTime(b) ||
    a.path.length - b.path.length ||
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
  );
}

function captureTime(photo: PhotoInfo): number {
  const taken = photo.takenAt ? Date.parse(photo.takenAt) : NaN;
  return Number.isFinite(taken) ? taken : photo.mtimeMs;
}

export function pickKeeper(photos: readonly PhotoInfo[]): PhotoInfo {
  if (photos.length === 0) throw new Error('pickKeeper needs at least one photo');
  return photos.reduce((best, photo) => (compareKeeperPreference(photo, best) < 0 ? photo : best));
}
