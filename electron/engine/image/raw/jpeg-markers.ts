/** What a JPEG's markers say without decoding it: its coding and size, and where it ends. */
export interface JpegShape {
  /** 0xc0 baseline, 0xc1 extended, 0xc2 progressive (decodable previews); 0xc3 lossless = RAW sensor data. */
  sof: number;
  width: number;
  height: number;
  /** Offset just past EOI, or null when the bytes end first (a header-only read). */
  end: number | null;
}

const DECODABLE_SOF = new Set([0xc0, 0xc1, 0xc2]);

export function isDecodablePreview(shape: JpegShape | null): shape is JpegShape {
  return shape !== null && DECODABLE_SOF.has(shape.sof) && shape.width > 0 && shape.height > 0;
}

/**
 * Walk the markers of a JPEG starting at `start` (its SOI). Tolerates a truncated buffer after the frame
 * header (end = null). Returns null when the bytes are not a JPEG.
 */
export function readJpegShape(bytes: Buffer, start = 0): JpegShape | null {
  if (bytes[start] !== 0xff || bytes[start + 1] !== 0xd8) return null;
  let offset = start + 2;
  let shape: Omit<JpegShape, 'end'> | null = null;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset++; // fill byte
      continue;
    }
    if (marker === 0xd9) return shape ? { ...shape, end: offset + 2 } : null;
    if (marker >= 0xd0 && marker <= 0xd7) {
      offset += 2;
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    if (length < 2) return null;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (offset + 9 > bytes.length) return null;
      shape = { sof: marker, height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
    if (marker === 0xda) {
      // Entropy-coded data: runs to the next marker that is not a stuffed 0xff00 or a restart marker.
      while (offset + 1 < bytes.length) {
        if (bytes[offset] === 0xff) {
          const next = bytes[offset + 1]!;
          if (next !== 0 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
        }
        offset++;
      }
    }
  }
  return shape ? { ...shape, end: null } : null;
}

/** Every decodable JPEG inside a blob (the last resort for RAWs that hide their preview in maker notes). */
export function scanForJpegs(bytes: Buffer): { offset: number; shape: JpegShape }[] {
  const found: { offset: number; shape: JpegShape }[] = [];
  let offset = bytes.indexOf(Buffer.from([0xff, 0xd8, 0xff]));
  while (offset >= 0) {
    const shape = readJpegShape(bytes, offset);
    if (isDecodablePreview(shape) && shape.end !== null) {
      found.push({ offset, shape });
      offset = bytes.indexOf(Buffer.from([0xff, 0xd8, 0xff]), shape.end);
    } else {
      offset = bytes.indexOf(Buffer.from([0xff, 0xd8, 0xff]), offset + 2);
    }
  }
  return found;
}
