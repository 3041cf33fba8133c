import type { RandomAccess } from './random-access';

/** The TIFF tags a RAW's structure is read from. */
export const TAG = {
  NewSubfileType: 0x00fe,
  ImageWidth: 0x0100,
  ImageLength: 0x0101,
  Compression: 0x0103,
  StripOffsets: 0x0111,
  Orientation: 0x0112,
  StripByteCounts: 0x0117,
  DateTime: 0x0132,
  SubIFDs: 0x014a,
  JpegOffset: 0x0201,
  JpegLength: 0x0202,
  ExifIFD: 0x8769,
  DateTimeOriginal: 0x9003,
  MakerNote: 0x927c,
} as const;

export interface IfdEntry {
  /** The TIFF field type (3 SHORT, 4 LONG, 7 UNDEFINED, 13 IFD, ...). */
  type: number;
  /** The numbers (the first 16 bytes of a byte field); empty for a field too long to read here. */
  values: number[];
  text: string | null;
  /** Where a value too long for the entry itself is stored (relative to the TIFF base); else null. */
  valueOffset: number | null;
}

export interface Ifd {
  offset: number;
  entries: Map<number, IfdEntry>;
}

export interface TiffFile {
  littleEndian: boolean;
  /** Every IFD reachable from IFD0: the next-IFD chain, SubIFDs and the EXIF IFD, each once. */
  ifds: Ifd[];
  /** IFD0 (the main image's tags: orientation, make, model). */
  first: Ifd;
  exif: Ifd | null;
}

const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 6: 1, 7: 1, 8: 2, 9: 4, 13: 4, 16: 8 };
/** Stop at absurd structures (a loop, a corrupt count) instead of reading forever. */
const MAX_IFDS = 64;
const MAX_ENTRIES = 1000;
/** Values Doppel reads are short; longer ones (maker notes, sensor tables) are only located. */
const MAX_VALUE_COUNT = 4096;

/**
 * One IFD at `offset` (relative to `base`, as are the offsets inside it), or null when it is not a
 * plausible IFD. `next` is the offset of the following IFD in its chain, 0 at the end.
 */
export async function readIfdAt(
  file: RandomAccess,
  base: number,
  offset: number,
  littleEndian: boolean,
): Promise<{ ifd: Ifd; next: number } | null> {
  const u16 = (b: Buffer, o: number) => (littleEndian ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (b: Buffer, o: number) => (littleEndian ? b.readUInt32LE(o) : b.readUInt32BE(o));
  if (base + offset + 2 > file.size) return null;
  const countBytes = await file.read(base + offset, 2);
  if (countBytes.length < 2) return null;
  const count = u16(countBytes, 0);
  if (count === 0 || count > MAX_ENTRIES) return null;
  const table = await file.read(base + offset + 2, count * 12 + 4);
  if (table.length < count * 12) return null;
  const entries = new Map<number, IfdEntry>();
  for (let i = 0; i < count; i++) {
    const at = i * 12;
    const tag = u16(table, at);
    const type = u16(table, at + 2);
    const n = u32(table, at + 4);
    const size = TYPE_SIZES[type];
    if (!size || n === 0) continue;
    const bytes = size * n;
    const valueOffset = bytes <= 4 ? null : u32(table, at + 8);
    if (n > MAX_VALUE_COUNT) {
      entries.set(tag, { type, values: [], text: null, valueOffset });
      continue;
    }
    const data =
      valueOffset === null ? table.subarray(at + 8, at + 12) : await file.read(base + valueOffset, bytes);
    if (data.length < bytes) continue;
    const values: number[] = [];
    if (type === 3 || type === 8) for (let k = 0; k < n; k++) values.push(u16(data, k * 2));
    else if (type === 4 || type === 9 || type === 13)
      for (let k = 0; k < n; k++) values.push(u32(data, k * 4));
    else if (type === 1 || type === 7 || type === 6)
      for (let k = 0; k < Math.min(n, 16); k++) values.push(data[k]!);
    const text = type === 2 ? data.toString('latin1', 0, bytes).replace(/\0.*$/s, '') : null;
    entries.set(tag, { type, values, text, valueOffset });
  }
  const next = table.length >= count * 12 + 4 ? u32(table, count * 12) : 0;
  return { ifd: { offset, entries }, next };
}

/**
 * Read a TIFF structure (also the basis of CR2, NEF, ARW, DNG and ORF, whose magic numbers differ) starting
 * at `base` (offsets inside are relative to it). Returns null when the bytes are not TIFF.
 */
export async function readTiff(file: RandomAccess, base = 0): Promise<TiffFile | null> {
  const header = await file.read(base, 8);
  if (header.length < 8) return null;
  const order = header.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const littleEndian = order === 'II';
  const u16 = (b: Buffer, o: number) => (littleEndian ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (b: Buffer, o: number) => (littleEndian ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const magic = u16(header, 2);
  // 42: TIFF, CR2, NEF, ARW, DNG; 0x4f52 'RO' / 0x5352 'RS': Olympus ORF; 0x55: Panasonic RW2.
  if (magic !== 42 && magic !== 0x4f52 && magic !== 0x5352 && magic !== 0x55) return null;

  const ifds: Ifd[] = [];
  const seen = new Set<number>();
  let exif: Ifd | null = null;

  async function readIfd(offset: number): Promise<{ ifd: Ifd; next: number } | null> {
    if (offset < 8 || seen.has(offset) || ifds.length >= MAX_IFDS) return null;
    seen.add(offset);
    const read = await readIfdAt(file, base, offset, littleEndian);
    if (read) ifds.push(read.ifd);
    return read;
  }

  async function walk(offset: number): Promise<void> {
    for (let current = offset; current;) {
      const read = await readIfd(current);
      if (!read) return;
      for (const sub of read.ifd.entries.get(TAG.SubIFDs)?.values ?? []) await walk(sub);
      const exifOffset = read.ifd.entries.get(TAG.ExifIFD)?.values[0];
      if (exifOffset) {
        const exifRead = await readIfd(exifOffset);
        if (exifRead && !exif) exif = exifRead.ifd;
      }
      current = read.next;
    }
  }

  await walk(u32(header, 4));
  const first = ifds[0];
  if (!first) return null;
  return { littleEndian, ifds, first, exif };
}

export function tagNumber(ifd: Ifd | null | undefined, tag: number): number | undefined {
  return ifd?.entries.get(tag)?.values[0];
}

export function tagText(ifd: Ifd | null | undefined, tag: number): string | undefined {
  return ifd?.entries.get(tag)?.text ?? undefined;
}

/** "2021:07:04 09:30:15" (EXIF's camera-local wall time) as "2021-07-04T09:30:15.000", or null. */
export function exifDateToIso(text: string | undefined): string | null {
  const match = text?.match(/^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}.000`;
  return Number.isNaN(Date.parse(`${iso}Z`)) || y === '0000' ? null : iso;
}
