import { extname } from 'node:path';
import { RAW_EXTENSIONS } from './raw/raw-preview';

/** File endings the indexer picks up: sharp's formats, HEIC/HEIF (libheif) and camera RAWs (their preview). */
export const SUPPORTED_EXTENSIONS = new Set([
  '.jpg',
  '.jpeg',
  '.jpe',
  '.png',
  '.webp',
  '.avif',
  '.gif',
  '.tif',
  '.tiff',
  '.heic',
  '.heif',
  '.hif',
  ...RAW_EXTENSIONS,
]);

export function isSupportedImagePath(path: string): boolean {
  return SUPPORTED_EXTENSIONS.has(extname(path).toLowerCase());
}
