/**
 * The files Doppel reads as photos, by ending (lower case, with the dot). Shared because both sides need the
 * list: the engine indexes these files, and the desktop app's "choose a photo" dialog offers them.
 */

/** Camera RAWs, indexed through their embedded JPEG preview. */
export const RAW_EXTENSIONS: readonly string[] = ['.cr2', '.cr3', '.nef', '.arw', '.dng', '.raf', '.orf'];

export const JPEG_EXTENSIONS: readonly string[] = ['.jpg', '.jpeg', '.jpe'];

/** sharp's formats, HEIC/HEIF (libheif) and camera RAWs (their preview). */
export const PHOTO_EXTENSIONS: readonly string[] = [
  ...JPEG_EXTENSIONS,
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
];
