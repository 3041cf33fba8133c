/**
 * The metadata a copy may carry to its keeper: what applies to files of Immich's list for resolving
 * duplicates (capture date, location, rating, description, tags), plus a title. Albums, favourites and the
 * archive flag are Immich's own, not fields of a file; faces are regions tied to a picture's pixels.
 */
export interface CarriedMetadata {
  /** Camera-local wall time, `YYYY-MM-DDThh:mm:ss` (EXIF has no zone). */
  takenAt?: string;
  gps?: { latitude: number; longitude: number; altitude?: number };
  /** 0-5 stars (XMP allows -1 for "rejected": kept as it is). */
  rating?: number;
  title?: string;
  description?: string;
  keywords?: string[];
}

export type CarriedField = keyof CarriedMetadata;

export const NS = {
  x: 'adobe:ns:meta/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  exif: 'http://ns.adobe.com/exif/1.0/',
  xmp: 'http://ns.adobe.com/xap/1.0/',
  dc: 'http://purl.org/dc/elements/1.1/',
  photoshop: 'http://ns.adobe.com/photoshop/1.0/',
} as const;

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[entity]!;
  });
}

/** XMP's GPS coordinate form, "DDD,MM.mmmmmmR" (degrees, decimal minutes, N/S or E/W). */
export function xmpCoordinate(value: number, positive: 'N' | 'E', negative: 'S' | 'W'): string {
  const abs = Math.abs(value);
  const degrees = Math.floor(abs);
  const minutes = (abs - degrees) * 60;
  return `${degrees},${minutes.toFixed(6)}${value < 0 ? negative : positive}`;
}

/** "52,30.5N", "52,30,30N" or a plain decimal back to signed degrees, or null. */
export function parseXmpCoordinate(text: string): number | null {
  const match = /^\s*(-?\d+(?:\.\d+)?)(?:,(\d+(?:\.\d+)?))?(?:,(\d+(?:\.\d+)?))?\s*([NSEW])?\s*$/i.exec(text);
  if (!match) return null;
  const value = Number(match[1]) + Number(match[2] ?? 0) / 60 + Number(match[3] ?? 0) / 3600;
  const ref = (match[4] ?? '').toUpperCase();
  return ref === 'S' || ref === 'W' ? -value : value;
}
