// Browsers leave `type` empty for camera formats they cannot show (HEIC, raw), so the name decides too.
const photoExtension = /\.(jpe?g|png|gif|webp|avif|heic|heif|tiff?|bmp|dng|cr2|cr3|nef|arw|raf|orf|rw2)$/i;

export function isPhotoFile(file: File): boolean {
  return file.type.startsWith('image/') || photoExtension.test(file.name);
}

/** The first photo among dropped or pasted files, if any. */
export function firstPhotoFile(files: FileList | readonly File[] | null | undefined): File | null {
  if (!files) return null;
  for (const file of Array.from(files)) if (isPhotoFile(file)) return file;
  return null;
}
