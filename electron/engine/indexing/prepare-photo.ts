import type { ClipPreprocessing } from '../model/clip-preprocessing';
import { decodePhoto, describeDecodeFailure, type DecodedPhoto } from '../image/decode-photo';
import { fingerprintPixels, type PerceptualFingerprint } from '../image/perceptual-fingerprint';
import { hashOpenedFile } from '../platform/file-hash';
import { openRegularFile, type OpenedFile } from '../platform/safe-file';
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
const SHORT_SIDE_WITHOUT_MODEL = 64;

/**
 * Everything about one file that needs no model: content hash, small decode, perceptual fingerprint. The
 * file is opened once, as a regular file only (a FIFO, a device or a link out of the library folder named
 * like a photo fails here at once), and hashed and decoded from that one descriptor.
 */
export async function preparePhoto(
  file: ScannedFile,
  hash: string | null,
  preprocessing: ClipPreprocessing | null,
): Promise<PreparedOrFailed> {
  let opened: OpenedFile | null = null;
  try {
    if (file.size === 0) return { ok: false, path: file.path, error: 'empty file (0 bytes)' };
    opened = await openRegularFile(file.path, { linksWithin: file.folder });
    const contentHash = hash ?? (await hashOpenedFile(opened));
    const decoded = await decodePhoto(opened, preprocessing?.shortSide ?? SHORT_SIDE_WITHOUT_MODEL);
    const fingerprint = fingerprintPixels(decoded.rgb, decoded.rgbWidth, decoded.rgbHeight);
    return { ok: true, photo: { file, hash: contentHash, decoded, fingerprint } };
  } catch (error) {
    return { ok: false, path: file.path, error: describeDecodeFailure(error) };
  } finally {
    await opened?.close();
  }
}
