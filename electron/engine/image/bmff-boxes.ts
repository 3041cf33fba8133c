/**
 * ISO base media file format (HEIF, CR3) box walking over an in-memory file. Every read is bounds-checked:
 * a damaged file ends the walk instead of reading past the buffer.
 */
export interface Box {
  type: string;
  /** Offset of the box's payload (after the size/type header) in the buffer. */
  start: number;
  /** Offset just past the box. */
  end: number;
}

export function readBoxes(bytes: Buffer, from = 0, to = bytes.length): Box[] {
  const boxes: Box[] = [];
  let offset = from;
  while (offset + 8 <= to) {
    let size = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    let header = 8;
    if (size === 1) {
      if (offset + 16 > to) break;
      const large = bytes.readBigUInt64BE(offset + 8);
      if (large > BigInt(to - offset)) break;
      size = Number(large);
      header = 16;
    } else if (size === 0) {
      size = to - offset; // the last box runs to the end of the file
    }
    if (size < header || offset + size > to) break;
    boxes.push({ type, start: offset + header, end: offset + size });
    offset += size;
  }
  return boxes;
}

/** The major and compatible brands of the leading ftyp box, or null when the file does not start with one. */
export function fileBrands(bytes: Buffer): string[] | null {
  if (bytes.length < 16 || bytes.toString('latin1', 4, 8) !== 'ftyp') return null;
  const size = Math.min(bytes.readUInt32BE(0), bytes.length);
  const brands = [bytes.toString('latin1', 8, 12)];
  for (let offset = 16; offset + 4 <= size; offset += 4)
    brands.push(bytes.toString('latin1', offset, offset + 4));
  return brands;
}
