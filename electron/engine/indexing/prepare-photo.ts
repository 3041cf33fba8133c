import { createHash } from 'node:crypto';
import type { ClipPreprocessing } from '../model/clip-preprocessing';
import { decodePhoto, describeDecodeFailure, type DecodedPhoto } from '../image/decode-photo';
import { fingerprintPixels, type PerceptualFingerprint } from '../image/perceptual-fingerprint';
import { MAX_DECODE_FROM_MEMORY_BYTES } from '../image/photo-source';
import { isRawPath } from '../image/raw/raw-preview';
import { hashOpenedFile } from '../platform/file-hash';
import { openRegularFile, readOpenedFile, type IndexedState, type OpenedFile } from '../platform/safe-file';
import type { ScannedFile } from './scan-folders';

export interface PreparedPhoto {
  file: ScannedFile;
  hash: string;
  decoded: DecodedPhoto;
  fingerprint: PerceptualFingerprint;
}

export type PreparedOrFailed =
  { ok: true; photo: PreparedPhoto } | { ok: false; path: string; error: string };

/** Without a model the decoder still needs pixels for the perceptual signature; this is plenty. */
export const SHORT_SIDE_WITHOUT_MODEL = 64;

export interface PrepareOptions {
  /** The size and mtime the index recorded: a file that changed since is not decoded (the embed stage). */
  expect?: IndexedState;
}

/**
 * Everything about one file that needs no model: content hash, small decode, perceptual fingerprint. The
 * file is opened once, as a regular file only (a FIFO, a device or a link out of the library folder named
 * like a photo fails here at once), and hashed and decoded from that one descriptor. Without a hash from
 * the catalogue (a size no other file has, so no copy to find), the bytes read for the decode are the ones
 * hashed: the file is read once.
 */
export async function preparePhoto(
  file: ScannedFile,
  hash: string | null,
  preprocessing: ClipPreprocessing | null,
  options: PrepareOptions = {},
): Promise<PreparedOrFailed> {
  let opened: OpenedFile | null = null;
  try {
    if (file.size === 0) return { ok: false, path: file.path, error: 'empty file (0 bytes)' };
    opened = await openRegularFile(file.path, { linksWithin: file.folder, expect: options.expect });
    const shortSide = preprocessing?.shortSide ?? SHORT_SIDE_WITHOUT_MODEL;
    let contentHash = hash;
    let bytes: Buffer | undefined;
    // RAWs and very large photos are decoded by their descriptor's name, never held whole in memory.
    if (contentHash === null && opened.size <= MAX_DECODE_FROM_MEMORY_BYTES && !isRawPath(file.path)) {
      bytes = await readOpenedFile(opened, MAX_DECODE_FROM_MEMORY_BYTES);
      contentHash = createHash('sha256').update(bytes).digest('hex');
    }
    contentHash ??= await hashOpenedFile(opened);
    const decoded = await decodePhoto(opened, shortSide, bytes);
    const fingerprint = fingerprintPixels(decoded.rgb, decoded.rgbWidth, decoded.rgbHeight);
    return { ok: true, photo: { file, hash: contentHash, decoded, fingerprint } };
  } catch (error) {
    return { ok: false, path: file.path, error: describeDecodeFailure(error) };
  } finally {
    await opened?.close();
  }
}
