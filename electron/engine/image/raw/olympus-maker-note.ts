import type { RandomAccess } from './random-access';
import { TAG, readIfdAt, tagNumber, type TiffFile } from './tiff-walk';

/** Olympus maker-note tags: CameraSettings (a sub-IFD) and, inside it, where the preview JPEG is. */
const CAMERA_SETTINGS = 0x2020;
const PREVIEW_IMAGE_START = 0x0101;
const PREVIEW_IMAGE_LENGTH = 0x0102;

/**
 * The preview an Olympus ORF keeps in its maker note (EXIF › MakerNote › CameraSettings ›
 * PreviewImageStart/Length), as a file offset and length; null when the file has no such maker note.
 * New-style notes ("OLYMPUS\0" + byte order) count offsets from the note's start; old-style ("OLYMP\0")
 * from the TIFF header. Found this way, the preview needs no scan of the whole file.
 */
export async function olympusPreview(
  file: RandomAccess,
  tiff: TiffFile,
): Promise<{ offset: number; length: number } | null> {
  const note = tiff.exif?.entries.get(TAG.MakerNote);
  if (!note || note.type !== 7 || note.valueOffset === null) return null;
  const at = note.valueOffset;
  const head = await file.read(at, 12);
  let layout: { base: number; ifd: number; littleEndian: boolean };
  if (head.toString('latin1', 0, 8) === 'OLYMPUS\0') {
    const order = head.toString('latin1', 8, 10);
    if (order !== 'II' && order !== 'MM') return null;
    layout = { base: at, ifd: 12, littleEndian: order === 'II' };
  } else if (head.toString('latin1', 0, 6) === 'OLYMP\0') {
    layout = { base: 0, ifd: at + 8, littleEndian: tiff.littleEndian };
  } else return null;

  const main = await readIfdAt(file, layout.base, layout.ifd, layout.littleEndian);
  const settings = main?.ifd.entries.get(CAMERA_SETTINGS);
  // Stored as a pointer (LONG or IFD type) or inline as an UNDEFINED block that is the IFD itself.
  const settingsAt = settings?.type === 7 ? settings.valueOffset : settings?.values[0];
  if (settingsAt === null || settingsAt === undefined) return null;
  const cameraSettings = await readIfdAt(file, layout.base, settingsAt, layout.littleEndian);
  const start = tagNumber(cameraSettings?.ifd, PREVIEW_IMAGE_START);
  const length = tagNumber(cameraSettings?.ifd, PREVIEW_IMAGE_LENGTH);
  if (!start || !length) return null;
  return { offset: layout.base + start, length };
}
