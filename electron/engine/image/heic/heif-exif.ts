import { readBoxes, type Box } from '../bmff-boxes';

/**
 * The EXIF block of a HEIF file's primary image, as a TIFF structure exif-reader can parse, or undefined.
 * HEIF stores EXIF as an item of type 'Exif' (located through iinf + iloc) whose payload starts with a
 * 4-byte offset to the TIFF header. Any structural problem yields undefined: a photo without a readable
 * capture date still indexes.
 */
export function readHeifExif(bytes: Buffer): Buffer | undefined {
  try {
    const meta = readBoxes(bytes).find((box) => box.type === 'meta');
    if (!meta) return undefined;
    const children = readBoxes(bytes, meta.start + 4, meta.end); // meta is a full box
    const iinf = children.find((box) => box.type === 'iinf');
    const iloc = children.find((box) => box.type === 'iloc');
    if (!iinf || !iloc) return undefined;
    const exifId = findItemOfType(bytes, iinf, 'Exif');
    if (exifId === null) return undefined;
    const idat = children.find((box) => box.type === 'idat');
    const payload = readItem(bytes, iloc, exifId, idat);
    if (!payload || payload.length < 8) return undefined;
    const tiffStart = 4 + payload.readUInt32BE(0);
    if (tiffStart >= payload.length) return undefined;
    return payload.subarray(tiffStart);
  } catch {
    return undefined;
  }
}

function findItemOfType(bytes: Buffer, iinf: Box, itemType: string): number | null {
  const version = bytes[iinf.start]!;
  const entriesStart = iinf.start + 4 + (version === 0 ? 2 : 4);
  for (const infe of readBoxes(bytes, entriesStart, iinf.end)) {
    if (infe.type !== 'infe') continue;
    const infeVersion = bytes[infe.start]!;
    if (infeVersion < 2) continue; // versions 0/1 predate typed items
    let offset = infe.start + 4;
    const id = infeVersion === 2 ? bytes.readUInt16BE(offset) : bytes.readUInt32BE(offset);
    offset += (infeVersion === 2 ? 2 : 4) + 2; // item_ID, item_protection_index
    if (bytes.toString('latin1', offset, offset + 4) === itemType) return id;
  }
  return null;
}

function readSized(bytes: Buffer, offset: number, size: number): number {
  if (size === 0) return 0;
  if (size === 4) return bytes.readUInt32BE(offset);
  if (size === 8) return Number(bytes.readBigUInt64BE(offset));
  throw new Error(`unsupported iloc field size ${size}`);
}

function readItem(bytes: Buffer, iloc: Box, itemId: number, idat: Box | undefined): Buffer | undefined {
  const version = bytes[iloc.start]!;
  let offset = iloc.start + 4;
  const sizes = bytes.readUInt16BE(offset);
  offset += 2;
  const offsetSize = sizes >> 12;
  const lengthSize = (sizes >> 8) & 0xf;
  const baseOffsetSize = (sizes >> 4) & 0xf;
  const indexSize = version === 1 || version === 2 ? sizes & 0xf : 0;
  const count = version < 2 ? bytes.readUInt16BE(offset) : bytes.readUInt32BE(offset);
  offset += version < 2 ? 2 : 4;
  for (let i = 0; i < count; i++) {
    const id = version < 2 ? bytes.readUInt16BE(offset) : bytes.readUInt32BE(offset);
    offset += version < 2 ? 2 : 4;
    let construction = 0;
    if (version === 1 || version === 2) {
      construction = bytes.readUInt16BE(offset) & 0xf;
      offset += 2;
    }
    offset += 2; // data_reference_index
    const base = readSized(bytes, offset, baseOffsetSize);
    offset += baseOffsetSize;
    const extents = bytes.readUInt16BE(offset);
    offset += 2;
    const parts: Buffer[] = [];
    for (let e = 0; e < extents; e++) {
      offset += indexSize;
      const extentOffset = readSized(bytes, offset, offsetSize);
      offset += offsetSize;
      const extentLength = readSized(bytes, offset, lengthSize);
      offset += lengthSize;
      if (id !== itemId) continue;
      const origin = construction === 1 ? (idat?.start ?? NaN) : construction === 0 ? 0 : NaN;
      const start = origin + base + extentOffset;
      const end = extentLength === 0 ? bytes.length : start + extentLength;
      if (!Number.isFinite(start) || end > bytes.length) return undefined;
      parts.push(bytes.subarray(start, end));
    }
    if (id === itemId) return Buffer.concat(parts);
  }
  return undefined;
}
