import { extname } from 'node:path';
import { PHOTO_EXTENSIONS } from '../../../shared/contract/photo-formats';

/** File endings the indexer picks up (shared/contract/photo-formats.ts). */
export const SUPPORTED_EXTENSIONS: ReadonlySet<string> = new Set(PHOTO_EXTENSIONS);

export function isSupportedImagePath(path: string): boolean {
  return SUPPORTED_EXTENSIONS.has(extname(path).toLowerCase());
}
