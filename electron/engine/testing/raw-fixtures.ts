/**
 * Structural RAW fixtures: files laid out like CR2, NEF, ARW, DNG, ORF, RAF and CR3 (headers, IFDs, boxes,
 * embedded JPEG previews made by sharp, a thumbnail, and fake lossless-JPEG "sensor data"), small enough to
 * build in every test. They exercise the preview extractor, not a real demosaic: no camera wrote them.
 */
import sharp from 'sharp';
import { orientationFixture, undoOrientation } from './orientation-fixture';

export type RawKind = 'cr2' | 'nef' | 'arw' | 'dng' | 'orf' | 'raf' | 'cr3';
export const RAW_KINDS: RawKind[] = ['cr2', 'nef', 'arw', 'dng', 'orf', 'raf', 'cr3'];

export interface RawFixtureOptions {
  /** Upright size of the preview picture. */
  width: number;
  height: number;
  /** EXIF Orientation the RAW carries (the preview pixels are stored accordingly turned). */
  orientation: number;
  /** EXIF "YYYY:MM:DD HH:MM:SS". */
  takenAt: string;
  /** Upright pixels to embed; the four-quadrant orientation picture by default. */
  pixels?: Buffer;
}

export interface RawFixture {
  bytes: Buffer;
  /** What the extractor must report (upright): the sensor size where the format states one. */
  expectedWidth: number;
  expectedHeight: number;
}

/** Sensor size = preview size × this, so a test can tell which one was reported. */
export const SENSOR_SCALE = 2;

export async function makeRawFixture(kind: RawKind, options: RawFixtureOptions): Promise<RawFixture> {
  const upright = options.pixels ?? orientationFixture(options.width, options.height);
  const stored = await undoOrientation(upright, options.width, options.height, options.orientation);
  const raw = { data: stored.data, width: stored.width, height: stored.height, channels: 3 as const };
  const previewJpeg = await sharp(raw.data, { raw }).jpeg({ quality: 90 }).toBuffer();
  const thumbnail = await sharp(raw.data, { raw }).resize(160).jpeg({ quality: 70 }).toBuffer();
  const sensorWidth = stored.width * SENSOR_SCALE;
  const sensorHeight = stored.height * SENSOR_SCALE;
  const turned = options.orientation >= 5;
  const sensorUpright = {
    expectedWidth: turned ? sensorHeight : sensorWidth,
    expectedHeight: turned ? sensorWidth : sensorHeight,
  };
  const sensorData = losslessJpegStub(sensorWidth, sensorHeight);
  const exifIfd: IfdSpec = { entries: [ascii(0x9003, options.takenAt)] };
  const rawIfd = (compression: number): IfdSpec => ({
    entries: [
      long(0x00fe, 0),
      long(0x0100, sensorWidth),
      long(0x0101, sensorHeight),
      short(0x0103, compression),
      ...strip(sensorData),
    ],
  });
  const ifd0Tags = [ascii(0x010f, 'Doppel fixtures'), short(0x0112, options.orientation)];

  switch (kind) {
    case 'cr2': {
      // IFD0: the full-size preview as a JPEG-compressed strip; IFD1: thumbnail; IFD3: lossless raw data.
      const ifd3 = rawIfd(6);
      const ifd2: IfdSpec = { entries: [long(0x0100, 160)], next: ifd3 };
      const ifd1: IfdSpec = { entries: jpegBlock(thumbnail), next: ifd2 };
      const ifd0: IfdSpec = {
        entries: [...ifd0Tags, short(0x0103, 6), ...strip(previewJpeg)],
        exif: exifIfd,
        next: ifd1,
      };
      const bytes = writeTiff(ifd0, { littleEndian: true, cr2: true });
      // CR2's raw IFD has no sensor size tags Doppel trusts (it sits in maker notes): preview size it is.
      return { bytes, ...previewSize(stored, options.orientation) };
    }
    case 'nef':
      // Nikon: big-endian; SubIFD 0 the preview, SubIFD 1 the raw data; IFD0 a tiny RGB thumbnail.
      return {
        bytes: writeTiff(
          {
            entries: [...ifd0Tags, long(0x00fe, 1), short(0x0103, 1)],
            subIfds: [{ entries: [long(0x00fe, 1), ...jpegBlock(previewJpeg)] }, rawIfd(34713)],
            exif: exifIfd,
          },
          { littleEndian: false },
        ),
        ...sensorUpright,
      };
    case 'arw':
      // Sony: IFD0 holds the preview as JPEGInterchangeFormat, a SubIFD the raw data, IFD1 the thumbnail.
      return {
        bytes: writeTiff(
          {
            entries: [...ifd0Tags, long(0x00fe, 1), ...jpegBlock(previewJpeg)],
            subIfds: [rawIfd(32767)],
            exif: exifIfd,
            next: { entries: jpegBlock(thumbnail) },
          },
          { littleEndian: true },
        ),
        ...sensorUpright,
      };
    case 'dng':
      // DNG: IFD0 an uncompressed thumbnail; SubIFDs the lossless-JPEG raw (compression 7) and the preview.
      return {
        bytes: writeTiff(
          {
            entries: [...ifd0Tags, long(0x00fe, 1), short(0x0103, 1), long(0x0100, 16), long(0x0101, 16)],
            subIfds: [rawIfd(7), { entries: [long(0x00fe, 1), short(0x0103, 7), ...strip(previewJpeg)] }],
            exif: exifIfd,
          },
          { littleEndian: true },
        ),
        ...sensorUpright,
      };
    case 'orf': {
      // Olympus: 'IIRO' magic; the preview hides inside the maker note, reached through its CameraSettings.
      const makerNote = olympusMakerNote(previewJpeg);
      return {
        bytes: writeTiff(
          {
            entries: [
              ...ifd0Tags,
              long(0x00fe, 0),
              long(0x0100, sensorWidth),
              long(0x0101, sensorHeight),
              short(0x0103, 1),
              ...strip(Buffer.alloc(256, 7)),
            ],
            exif: { entries: [ascii(0x9003, options.takenAt), undefinedBlob(0x927c, makerNote)] },
            next: { entries: jpegBlock(thumbnail) },
          },
          { littleEndian: true, orf: true },
        ),
        ...sensorUpright,
      };
    }
    case 'raf': {
      // Fujifilm: a big-endian header points at a complete camera JPEG with its own EXIF.
      const cameraJpeg = await sharp(raw.data, { raw })
        .jpeg({ quality: 90 })
        .withMetadata({ orientation: options.orientation })
        .withExifMerge({ IFD2: { DateTimeOriginal: options.takenAt } })
        .toBuffer();
      const header = Buffer.alloc(160);
      header.write('FUJIFILMCCD-RAW 0201FF383501', 0, 'latin1');
      header.write('Doppel fixtures', 28, 'latin1');
      header.writeUInt32BE(160, 84);
      header.writeUInt32BE(cameraJpeg.length, 88);
      return {
        bytes: Buffer.concat([header, cameraJpeg, sensorData]),
        ...previewSize(stored, options.orientation),
      };
    }
    case 'cr3': {
      const cmt1 = writeTiff(
        { entries: [long(0x0100, sensorWidth), long(0x0101, sensorHeight), ...ifd0Tags] },
        { littleEndian: true },
      );
      const cmt2 = writeTiff({ entries: [ascii(0x9003, options.takenAt)] }, { littleEndian: true });
      const thmb = box('THMB', Buffer.concat([thmbHeader(160, 120, thumbnail.length), thumbnail]));
      const canonUuid = Buffer.from('85c0b687820f11e08111f4ce462b6a48', 'hex');
      const moov = box(
        'moov',
        box(
          'uuid',
          Buffer.concat([
            canonUuid,
            // The compressor version is how readers (exiftool) tell a CR3 photo from a CRM movie.
            box('CNCV', Buffer.from('CanonCR3_001/01.09.00/00.00.00', 'latin1')),
            box('CMT1', cmt1),
            box('CMT2', cmt2),
            thmb,
          ]),
        ),
      );
      const previewUuid = Buffer.from('eaf42b5e1c984b88b9fbb7dc406e4d16', 'hex');
      const prvw = box(
        'PRVW',
        Buffer.concat([prvwHeader(stored.width, stored.height, previewJpeg.length), previewJpeg]),
      );
      const bytes = Buffer.concat([
        box('ftyp', Buffer.from('crx \0\0\0\x01crx isom', 'latin1')),
        moov,
        box('uuid', Buffer.concat([previewUuid, Buffer.alloc(8), prvw])),
        box('mdat', sensorData),
      ]);
      return { bytes, ...sensorUpright };
    }
  }
}

function previewSize(stored: { width: number; height: number }, orientation: number) {
  const turned = orientation >= 5;
  return {
    expectedWidth: turned ? stored.height : stored.width,
    expectedHeight: turned ? stored.width : stored.height,
  };
}

/** A lossless (SOF3) JPEG header with sensor-sized dimensions: raw data a preview picker must skip. */
function losslessJpegStub(width: number, height: number): Buffer {
  const sof = Buffer.from([0xff, 0xc3, 0, 11, 16, 0, 0, 0, 0, 1, 1, 0x11, 0]);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    sof,
    Buffer.from([0xff, 0xda, 0, 8, 1, 1, 0, 0, 0, 0]),
    Buffer.alloc(512, 0x5a),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/**
 * A new-style Olympus maker note ("OLYMPUS\0II", offsets from its own start): one entry, CameraSettings
 * (0x2020, an IFD), holding PreviewImageValid, PreviewImageStart and PreviewImageLength; then the preview.
 */
function olympusMakerNote(preview: Buffer): Buffer {
  const header = Buffer.from('OLYMPUS\0II\x03\0', 'latin1');
  const entry = (tag: number, type: number, value: number): Buffer => {
    const bytes = Buffer.alloc(12);
    bytes.writeUInt16LE(tag, 0);
    bytes.writeUInt16LE(type, 2);
    bytes.writeUInt32LE(1, 4);
    bytes.writeUInt32LE(value, 8);
    return bytes;
  };
  const ifd = (entries: Buffer[]): Buffer => {
    const count = Buffer.alloc(2);
    count.writeUInt16LE(entries.length);
    return Buffer.concat([count, ...entries, Buffer.alloc(4)]);
  };
  const cameraSettingsAt = header.length + 2 + 12 + 4;
  const previewAt = cameraSettingsAt + 2 + 3 * 12 + 4;
  return Buffer.concat([
    header,
    ifd([entry(0x2020, 13, cameraSettingsAt)]),
    ifd([entry(0x0100, 4, 1), entry(0x0101, 4, previewAt), entry(0x0102, 4, preview.length)]),
    preview,
  ]);
}

function box(type: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(payload.length + 8, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, payload]);
}

function thmbHeader(width: number, height: number, size: number): Buffer {
  const header = Buffer.alloc(16);
  header.writeUInt16BE(width, 4);
  header.writeUInt16BE(height, 6);
  header.writeUInt32BE(size, 8);
  return header;
}

function prvwHeader(width: number, height: number, size: number): Buffer {
  const header = Buffer.alloc(16);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(width, 6);
  header.writeUInt16BE(height, 8);
  header.writeUInt32BE(size, 12);
  return header;
}

// ---- a minimal TIFF writer ----

type Value =
  | { kind: 'numbers'; type: 3 | 4; values: number[] }
  | { kind: 'ascii'; text: string }
  | { kind: 'blob'; type: 7; bytes: Buffer }
  | { kind: 'offsetOf'; bytes: Buffer };

interface Entry {
  tag: number;
  value: Value;
}

interface IfdSpec {
  entries: Entry[];
  subIfds?: IfdSpec[];
  exif?: IfdSpec;
  next?: IfdSpec;
}

const short = (tag: number, value: number): Entry => ({
  tag,
  value: { kind: 'numbers', type: 3, values: [value] },
});
const long = (tag: number, value: number): Entry => ({
  tag,
  value: { kind: 'numbers', type: 4, values: [value] },
});
const ascii = (tag: number, text: string): Entry => ({ tag, value: { kind: 'ascii', text } });
const undefinedBlob = (tag: number, bytes: Buffer): Entry => ({
  tag,
  value: { kind: 'blob', type: 7, bytes },
});
/** StripOffsets (pointing at `bytes`, written into the file) and StripByteCounts. */
const strip = (bytes: Buffer): Entry[] => [
  { tag: 0x0111, value: { kind: 'offsetOf', bytes } },
  long(0x0117, bytes.length),
];
/** JPEGInterchangeFormat (pointing at `jpeg`) and JPEGInterchangeFormatLength. */
const jpegBlock = (jpeg: Buffer): Entry[] => [
  { tag: 0x0201, value: { kind: 'offsetOf', bytes: jpeg } },
  long(0x0202, jpeg.length),
];

/**
 * Lay out a TIFF: blobs and child IFDs first (post-order), so every pointer is known when its IFD is written.
 */
function writeTiff(ifd0: IfdSpec, options: { littleEndian: boolean; cr2?: boolean; orf?: boolean }): Buffer {
  const le = options.littleEndian;
  const chunks: Buffer[] = [];
  let size = options.cr2 ? 16 : 8;
  const append = (bytes: Buffer): number => {
    if (size % 2) {
      chunks.push(Buffer.alloc(1));
      size++;
    }
    const at = size;
    chunks.push(bytes);
    size += bytes.length;
    return at;
  };
  const u16 = (v: number) => {
    const b = Buffer.alloc(2);
    if (le) b.writeUInt16LE(v);
    else b.writeUInt16BE(v);
    return b;
  };
  const u32 = (v: number) => {
    const b = Buffer.alloc(4);
    if (le) b.writeUInt32LE(v);
    else b.writeUInt32BE(v);
    return b;
  };
  const writeIfd = (spec: IfdSpec): number => {
    const next = spec.next ? writeIfd(spec.next) : 0;
    const entries = [...spec.entries];
    if (spec.subIfds)
      entries.push({ tag: 0x014a, value: { kind: 'numbers', type: 4, values: spec.subIfds.map(writeIfd) } });
    if (spec.exif) entries.push(long(0x8769, writeIfd(spec.exif)));
    entries.sort((a, b) => a.tag - b.tag);
    const table: Buffer[] = [u16(entries.length)];
    for (const { tag, value } of entries) {
      let type: number;
      let data: Buffer;
      if (value.kind === 'numbers') {
        type = value.type;
        data = Buffer.concat(value.values.map((v) => (value.type === 3 ? u16(v) : u32(v))));
      } else if (value.kind === 'ascii') {
        type = 2;
        data = Buffer.from(`${value.text}\0`, 'latin1');
      } else if (value.kind === 'blob') {
        type = 7;
        data = value.bytes;
      } else {
        type = 4;
        data = u32(append(value.bytes));
      }
      // An offset is one LONG; a number list counts its values; ASCII and blobs count bytes.
      const count =
        value.kind === 'numbers' ? value.values.length : value.kind === 'offsetOf' ? 1 : data.length;
      const field =
        data.length <= 4 ? Buffer.concat([data, Buffer.alloc(4 - data.length)]) : u32(append(data));
      table.push(u16(tag), u16(type), u32(count), field);
    }
    table.push(u32(next));
    return append(Buffer.concat(table));
  };
  const first = writeIfd(ifd0);
  const header = Buffer.alloc(options.cr2 ? 16 : 8);
  header.write(le ? 'II' : 'MM', 0, 'latin1');
  if (options.orf) header.write('RO', 2, 'latin1');
  else if (le) header.writeUInt16LE(42, 2);
  else header.writeUInt16BE(42, 2);
  if (le) header.writeUInt32LE(first, 4);
  else header.writeUInt32BE(first, 4);
  if (options.cr2) header.write('CR\x02\0', 8, 'latin1');
  return Buffer.concat([header, ...chunks]);
}
