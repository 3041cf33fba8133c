import { createHash } from 'node:crypto';

/**
 * The hash a catalogued row holds while its content is not hashed yet (a size no other file has: it can be
 * a copy of nothing, so its bytes are hashed in the look stage, from the read the decode needs anyway).
 * Hex and as long as a sha256, so every reader of hashes takes it, and derived from the path, so it is
 * unique (never an identical group) and recognisable when a stopped run is resumed.
 */
export function unhashedPlaceholder(path: string): string {
  return createHash('sha256').update(`doppel: not hashed yet\u0000${path}`).digest('hex');
}

export function isUnhashed(hash: string, path: string): boolean {
  return hash === unhashedPlaceholder(path);
}
