import sharp from 'sharp';

/**
 * sharp with libvips' operation cache turned off for the whole process. The cache keys a decode by the file
 * name it was given, and photos are read through `/proc/self/fd/N` (safe-file's readPath): once a photo is
 * closed, the next one opened gets the same descriptor number, and the cache answered the previous photo's
 * pixels for it, so a photo was indexed with another photo's pixels and vector (a false same-picture group,
 * depending on which descriptor each file happened to get). A photo changed in place under its path would
 * decode stale the same way. Each photo is decoded once, so the cache saved nothing worth that.
 * Turning it off is not enough on its own: an operation still in use when the cache is trimmed stays in it
 * until the next trim, after the next lookup, so photo-source also decodes photos from their bytes.
 */
sharp.cache(false);

export { sharp };
