import type { ClipPreprocessing } from '../model/clip-preprocessing';
import { decodePhoto, describeDecodeFailure, type DecodedPhoto } from '../image/decode-photo';
import { fingerprintPixels, type PerceptualFingerprint } from '../image/perceptual-fingerprint';
import { hashFile } from '../platform/file-hash';
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

/** Everything about one file that needs no model: content hash, small decode, perceptual fingerprint. */
export async function preparePhoto(
  file: ScannedFile,
  hash: string | null,
  preprocessing: ClipPreprocessing | null,
): Promise<PreparedOrFailed> {
  try {
    if (file.size === 0) return { ok: false, path: file.path, error: 'empty file (0 bytes)' };
    const contentHash = hash ?? (await hashFile(file.path));
    const decoded = await decodePhoto(file.path, preprocessing?.shortSide ?? SHORT_SIDE_WITHOUT_MODEL);
    const fingerprint = fingerprintPixels(decoded.rgb, decoded.rgbWidth, decoded.rgbHeight);
    return { ok: true, photo: { file, hash: contentHash, decoded, fingerprint } };
  } catch (error) {
    return { ok: false, path: file.path, error: describeDecodeFailure(error) };
  }
}
