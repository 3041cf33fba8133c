import {
  NS,
  escapeXml,
  parseXmpCoordinate,
  unescapeXml,
  xmpCoordinate,
  type CarriedMetadata,
} from './xmp-fields';

/**
 * A small XMP reader for the fields Doppel carries, in either of XMP's forms: a property as an attribute of
 * rdf:Description (`xmp:Rating="3"`) or as an element, simple or an rdf:Alt/Bag/Seq of rdf:li. It reads
 * prefixes as written by the usual tools (exiftool, Lightroom, darktable, digiKam); a packet that binds
 * these namespaces to other prefixes is read as lacking the fields, which at worst adds a duplicate field.
 */
export function readXmp(xml: string): CarriedMetadata {
  const read: CarriedMetadata = {};
  const takenAt = simpleValue(xml, 'exif:DateTimeOriginal') ?? simpleValue(xml, 'photoshop:DateCreated');
  if (takenAt) read.takenAt = takenAt.trim();
  const latitude = simpleValue(xml, 'exif:GPSLatitude');
  const longitude = simpleValue(xml, 'exif:GPSLongitude');
  const lat = latitude === null ? null : parseXmpCoordinate(latitude);
  const lon = longitude === null ? null : parseXmpCoordinate(longitude);
  if (lat !== null && lon !== null) {
    read.gps = { latitude: lat, longitude: lon };
    const altitude = simpleValue(xml, 'exif:GPSAltitude');
    const meters = altitude === null ? NaN : rational(altitude);
    if (Number.isFinite(meters))
      read.gps.altitude = simpleValue(xml, 'exif:GPSAltitudeRef')?.trim() === '1' ? -meters : meters;
  }
  const rating = simpleValue(xml, 'xmp:Rating');
  if (rating !== null && Number.isFinite(Number(rating))) read.rating = Number(rating);
  const title = listValues(xml, 'dc:title')[0];
  if (title) read.title = title;
  const description = listValues(xml, 'dc:description')[0];
  if (description) read.description = description;
  const keywords = listValues(xml, 'dc:subject');
  if (keywords.length > 0) read.keywords = keywords;
  return read;
}

/** A new sidecar holding `fields`. */
export function writeXmp(fields: CarriedMetadata): string {
  return [
    `<x:xmpmeta xmlns:x="${NS.x}" x:xmptk="Doppel">`,
    ` <rdf:RDF xmlns:rdf="${NS.rdf}">`,
    description(fields),
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '',
  ].join('\n');
}

/**
 * `fields` added to an existing sidecar without losing any of its content: what it already has is kept
 * as it is (the user's own edits win), keywords it lacks join its own list, a description that holds all of
 * its own lines and more replaces it, and the rest goes into one more
 * rdf:Description (XMP allows several, each about the same photo). Null when the text is no XMP to merge
 * into (no rdf:RDF): then it must be left alone.
 */
export function mergeXmp(existing: string, fields: CarriedMetadata): string | null {
  const close = existing.lastIndexOf('</rdf:RDF>');
  if (close < 0 || !/<rdf:RDF\b/.test(existing)) return null;
  const present = readXmp(existing);
  const missing: CarriedMetadata = {};
  for (const field of ['takenAt', 'gps', 'rating', 'title', 'description'] as const)
    if (fields[field] !== undefined && present[field] === undefined)
      Object.assign(missing, { [field]: fields[field] });
  let text = existing;
  const newKeywords = (fields.keywords ?? []).filter(
    (keyword) => !(present.keywords ?? []).includes(keyword),
  );
  if (newKeywords.length > 0) {
    const bag = /(<dc:subject>\s*<rdf:(?:Bag|Seq)>)([\s\S]*?)(<\/rdf:(?:Bag|Seq)>)/.exec(text);
    if (bag) {
      const items = newKeywords.map((keyword) => `<rdf:li>${escapeXml(keyword)}</rdf:li>`).join('');
      text =
        text.slice(0, bag.index) + bag[1] + bag[2] + items + bag[3] + text.slice(bag.index + bag[0].length);
    } else if (present.keywords === undefined) {
      missing.keywords = newKeywords;
    }
  }
  // A description the copies extend (Immich joins the distinct lines) replaces its own, which it contains.
  if (
    fields.description !== undefined &&
    present.description !== undefined &&
    fields.description !== present.description &&
    lines(present.description).every((line) => lines(fields.description!).includes(line))
  ) {
    const item =
      /(<dc:description>\s*<rdf:Alt>[\s\S]*?<rdf:li\b[^>]*xml:lang\s*=\s*["']x-default["'][^>]*>)([^<]*)(<\/rdf:li>)/.exec(
        text,
      );
    if (item)
      text =
        text.slice(0, item.index) +
        item[1] +
        escapeXml(fields.description) +
        item[3] +
        text.slice(item.index + item[0].length);
  }
  if (Object.keys(missing).length === 0) return text;
  const at = text.lastIndexOf('</rdf:RDF>');
  return `${text.slice(0, at)}${description(missing)}\n ${text.slice(at)}`;
}

/** A description's distinct non-empty lines, trimmed. */
export function lines(text: string | undefined): string[] {
  return [
    ...new Set(
      (text ?? '')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    ),
  ];
}

function description(fields: CarriedMetadata): string {
  const lines = [
    `  <rdf:Description rdf:about=""`,
    `    xmlns:exif="${NS.exif}"`,
    `    xmlns:xmp="${NS.xmp}"`,
    `    xmlns:dc="${NS.dc}"`,
    `    xmlns:photoshop="${NS.photoshop}">`,
  ];
  if (fields.takenAt) {
    lines.push(`   <exif:DateTimeOriginal>${escapeXml(fields.takenAt)}</exif:DateTimeOriginal>`);
    lines.push(`   <photoshop:DateCreated>${escapeXml(fields.takenAt)}</photoshop:DateCreated>`);
  }
  if (fields.gps) {
    lines.push(`   <exif:GPSLatitude>${xmpCoordinate(fields.gps.latitude, 'N', 'S')}</exif:GPSLatitude>`);
    lines.push(`   <exif:GPSLongitude>${xmpCoordinate(fields.gps.longitude, 'E', 'W')}</exif:GPSLongitude>`);
    if (fields.gps.altitude !== undefined && Number.isFinite(fields.gps.altitude)) {
      lines.push(
        `   <exif:GPSAltitude>${Math.round(Math.abs(fields.gps.altitude) * 1000)}/1000</exif:GPSAltitude>`,
      );
      lines.push(`   <exif:GPSAltitudeRef>${fields.gps.altitude < 0 ? 1 : 0}</exif:GPSAltitudeRef>`);
    }
  }
  if (fields.rating !== undefined) lines.push(`   <xmp:Rating>${fields.rating}</xmp:Rating>`);
  if (fields.title) lines.push(`   <dc:title>${alt(fields.title)}</dc:title>`);
  if (fields.description) lines.push(`   <dc:description>${alt(fields.description)}</dc:description>`);
  if (fields.keywords?.length)
    lines.push(
      `   <dc:subject><rdf:Bag>${fields.keywords.map((k) => `<rdf:li>${escapeXml(k)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>`,
    );
  lines.push('  </rdf:Description>');
  return lines.join('\n');
}

function alt(text: string): string {
  return `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(text)}</rdf:li></rdf:Alt>`;
}

/** A property's value as an attribute or a simple element, or null. */
function simpleValue(xml: string, name: string): string | null {
  const quoted = escapeRegExp(name);
  const attribute = new RegExp(`\\s${quoted}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(xml);
  if (attribute) return unescapeXml(attribute[1] ?? attribute[2] ?? '');
  const element = new RegExp(`<${quoted}(?:\\s[^>]*)?>([^<]*)</${quoted}>`).exec(xml);
  return element ? unescapeXml(element[1]!) : null;
}

/** The rdf:li items of an Alt, Bag or Seq property (x-default first for an Alt), else its simple value. */
function listValues(xml: string, name: string): string[] {
  const quoted = escapeRegExp(name);
  const element = new RegExp(`<${quoted}(?:\\s[^>]*)?>([\\s\\S]*?)</${quoted}>`).exec(xml);
  if (!element) {
    const simple = simpleValue(xml, name);
    return simple ? [simple] : [];
  }
  const items = [...element[1]!.matchAll(/<rdf:li((?:\s[^>]*)?)>([^<]*)<\/rdf:li>/g)];
  if (items.length === 0) return element[1]!.trim() ? [unescapeXml(element[1]!.trim())] : [];
  const byDefault = items.findIndex((item) => /xml:lang\s*=\s*["']x-default["']/.test(item[1]!));
  if (byDefault > 0) items.unshift(...items.splice(byDefault, 1));
  return items.map((item) => unescapeXml(item[2]!)).filter((value) => value.length > 0);
}

function rational(text: string): number {
  const [numerator, denominator] = text.trim().split('/');
  return denominator === undefined ? Number(numerator) : Number(numerator) / Number(denominator);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
