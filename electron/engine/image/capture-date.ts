import exifReader from 'exif-reader';

/**
 * The capture time from EXIF, as an ISO string without a zone (EXIF stores camera-local wall time), or null.
 * exif-reader reads the wall time as if it were UTC, so toISOString() gives it back unshifted.
 */
export function readCaptureDate(exif: Buffer | undefined): string | null {
  if (!exif) return null;
  try {
    const tags = exifReader(exif);
    const taken = tags.Photo?.DateTimeOriginal ?? tags.Photo?.DateTimeDigitized ?? tags.Image?.DateTime;
    if (!(taken instanceof Date) || Number.isNaN(taken.getTime())) return null;
    return taken.toISOString().replace('Z', '');
  } catch {
    // A broken EXIF block must not cost the photo its place in the library.
    return null;
  }
}
