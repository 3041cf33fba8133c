import { writePixelValues } from '../model/clip-preprocessing';
import type { ClipVisionModel } from '../model/clip-vision-model';
import type { PhotoRecord } from '../store/photo-store';
import type { ScannedFile } from './scan-folders';
import type { PreparedPhoto } from './prepare-photo';

/** The model's vectors of decoded photos, one batch through the vision tower. */
export async function embedDecoded(photos: PreparedPhoto[], model: ClipVisionModel): Promise<Float32Array[]> {
  if (photos.length === 0) return [];
  const { cropWidth, cropHeight } = model.preprocessing;
  const pixelValues = new Float32Array(photos.length * 3 * cropWidth * cropHeight);
  photos.forEach((photo, slot) => writePixelValues(photo.decoded, model.preprocessing, pixelValues, slot));
  return model.embed(pixelValues, photos.length);
}

/** The row of `file` holding what the look found in `photo` (the same content), with a vector or without. */
export function lookedRecord(
  file: ScannedFile,
  photo: PreparedPhoto,
  embedding: { model: string; vector: ArrayLike<number> } | null,
): PhotoRecord {
  return {
    path: file.path,
    folder: file.folder,
    size: file.size,
    mtimeMs: file.mtimeMs,
    hash: photo.hash,
    width: photo.decoded.width,
    height: photo.decoded.height,
    format: photo.decoded.format,
    takenAt: photo.decoded.takenAt,
    signature: photo.fingerprint.signature,
    pixelVector: photo.fingerprint.coarseVector,
    model: embedding?.model ?? '',
    vector: embedding?.vector ?? [],
  };
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
