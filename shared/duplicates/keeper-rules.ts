import type { DuplicateGraph, PhotoInfo } from '../contract/entities';
import {
  DEFAULT_KEEPER_RULE,
  KeeperRuleSchema,
  type KeeperCriterion,
  type KeeperRule,
} from '../contract/keeper-rule';
import { folderHolding, isInFolder, lastPathPart } from './folder-paths';
import { isJpegFilePath, isRawFilePath } from './raw-jpeg-twins';

/** What decides a group's suggested keeper: the user's ordered rule and the library's protected folders. */
export interface KeeperContext {
  rule: KeeperRule;
  protectedFolders: readonly string[];
}

export const DEFAULT_KEEPER_CONTEXT: KeeperContext = { rule: DEFAULT_KEEPER_RULE, protectedFolders: [] };

/** The rule a graph carries (the saved one), or the default when the graph says none or a damaged one. */
export function keeperContextOf(
  graph: Pick<DuplicateGraph, 'keeperRule' | 'protectedFolders'>,
): KeeperContext {
  const parsed = KeeperRuleSchema.safeParse(graph.keeperRule ?? DEFAULT_KEEPER_RULE);
  return {
    rule: parsed.success ? parsed.data : DEFAULT_KEEPER_RULE,
    protectedFolders: graph.protectedFolders ?? [],
  };
}

const HEIC_ENDINGS = ['.heic', '.heif', '.hif'];

function endsWithAny(path: string, endings: readonly string[]): boolean {
  const lower = path.toLowerCase();
  return endings.some((ending) => lower.endsWith(ending));
}

/**
 * Names that tools give a second copy or an edit, whatever the tool: a browser or Windows download twice
 * (" (1)"), Finder and Explorer duplicates ("copy", " - Copy", "copy 2"; Dutch, German, French, Spanish,
 * Italian spellings), editors' and phones' exports ("-edited", "_edit", Google Photos "-edited", iOS
 * "IMG_E1234"). Only the name is read: a re-save keeps no other trace Doppel stores.
 */
const EDIT_OR_COPY_NAMES: readonly RegExp[] = [
  /\s?\(\d+\)$/,
  /(^|[\s._-])(copy|kopie|kopia|copie|copia)(\s?\d+)?$/i,
  /(^|[\s._-])(edit|edited|bearbeitet|modifié|modifie|editado|modificato)(\s?[-_]?\d+)?$/i,
  /^IMG_E\d+$/,
];

/** The file name without its ending. */
function stemOf(path: string): string {
  const name = lastPathPart(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** True when the file's name says it is a copy or an edit of another file (see EDIT_OR_COPY_NAMES). */
export function looksLikeEditOrCopy(path: string): boolean {
  const stem = stemOf(path).trim();
  return EDIT_OR_COPY_NAMES.some((pattern) => pattern.test(stem));
}

/** Capture time from EXIF, else the file's time: the first copy, not a later re-save. */
function captureTime(photo: PhotoInfo): number {
  const taken = photo.takenAt ? Date.parse(photo.takenAt) : NaN;
  return Number.isFinite(taken) ? taken : photo.mtimeMs;
}

/** Everything a comparison reads, worked out once per photo (a large library sorts 100k photos). */
interface KeeperKeys {
  protectedFolder: string | null;
  raw: number;
  pixels: number;
  size: number;
  time: number;
  metadata: number;
  original: number;
  format: number;
  folder: number;
}

/** Each criterion as "how much better a is than b": negative when a should be kept before b. */
const COMPARE: Record<KeeperCriterion, (a: KeeperKeys, b: KeeperKeys) => number> = {
  raw: (a, b) => b.raw - a.raw,
  pixels: (a, b) => b.pixels - a.pixels,
  size: (a, b) => b.size - a.size,
  date: (a, b) => a.time - b.time,
  metadata: (a, b) => b.metadata - a.metadata,
  original: (a, b) => b.original - a.original,
  format: (a, b) => b.format - a.format,
  folder: (a, b) => b.folder - a.folder,
};

function comparePaths(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The keeper order as a comparator (negative: keep a before b):
 * 0. a photo in a protected folder before any other (it is never trashed, so it is the one to keep),
 * 1. the user's criteria in their order (DEFAULT_KEEPER_RULE: RAW, pixels, file size, capture date, ...),
 * 2. then the shortest path, then alphabetical, so the choice is stable between runs.
 */
export function keeperComparator(context: KeeperContext): (a: PhotoInfo, b: PhotoInfo) => number {
  const keys = keysFor(context);
  const criteria = context.rule.order.map((criterion) => COMPARE[criterion]);
  return (a, b) => {
    const ka = keys(a);
    const kb = keys(b);
    const byProtection = Number(kb.protectedFolder !== null) - Number(ka.protectedFolder !== null);
    if (byProtection !== 0) return byProtection;
    for (const compare of criteria) {
      const order = compare(ka, kb);
      if (order !== 0) return order;
    }
    return comparePaths(a.path, b.path);
  };
}

function keysFor(context: KeeperContext): (photo: PhotoInfo) => KeeperKeys {
  const cache = new WeakMap<PhotoInfo, KeeperKeys>();
  const { preferredFormat, preferredFolder } = context.rule;
  return (photo) => {
    let keys = cache.get(photo);
    if (keys) return keys;
    const { path } = photo;
    keys = {
      protectedFolder: folderHolding(path, context.protectedFolders),
      raw: Number(isRawFilePath(path)),
      pixels: photo.width * photo.height,
      size: photo.size,
      time: captureTime(photo),
      metadata: Number(photo.takenAt !== null && Number.isFinite(Date.parse(photo.takenAt))),
      original: Number(!looksLikeEditOrCopy(path)),
      format: Number(preferredFormat === 'heic' ? endsWithAny(path, HEIC_ENDINGS) : isJpegFilePath(path)),
      folder: Number(preferredFolder !== null && isInFolder(path, preferredFolder)),
    };
    cache.set(photo, keys);
    return keys;
  };
}

/** Why a keeper was suggested: the first criterion on which it beats the runner-up, in words. */
export interface KeeperReason {
  criterion: KeeperCriterion | 'protected' | 'path';
  text: string;
}

/**
 * The reason the keeper (the first of `photos` by keeperComparator) beats every other photo: its protected
 * folder when another photo is outside one, else the first criterion, in the rule's order, on which it beats
 * the runner-up (the best of the others). Null for a single photo.
 */
export function keeperReason(photos: readonly PhotoInfo[], context: KeeperContext): KeeperReason | null {
  if (photos.length < 2) return null;
  const compare = keeperComparator(context);
  const [keeper, ...others] = [...photos].sort(compare);
  const runnerUp = others[0]!;
  const keys = keysFor(context);
  const k = keys(keeper!);
  const r = keys(runnerUp);
  // Beside an unprotected copy, the protection is the reason, even if a second protected photo came close.
  if (k.protectedFolder !== null && others.some((other) => keys(other).protectedFolder === null))
    return {
      criterion: 'protected',
      text: `Keeper: in protected folder ${lastPathPart(k.protectedFolder)}`,
    };
  for (const criterion of context.rule.order) {
    if (COMPARE[criterion](k, r) < 0) return { criterion, text: reasonText(criterion, context, k) };
  }
  return { criterion: 'path', text: 'Keeper: shortest path (otherwise alike)' };
}

function reasonText(criterion: KeeperCriterion, context: KeeperContext, keeper: KeeperKeys): string {
  switch (criterion) {
    case 'raw':
      return 'Keeper: RAW original';
    case 'pixels':
      return 'Keeper: most pixels';
    case 'size':
      return 'Keeper: largest file';
    case 'date':
      return keeper.metadata ? 'Keeper: oldest capture' : 'Keeper: oldest file';
    case 'metadata':
      return 'Keeper: has the capture date';
    case 'original':
      return 'Keeper: the original, not an edit or copy';
    case 'format':
      return `Keeper: ${context.rule.preferredFormat === 'heic' ? 'HEIC' : 'JPEG'} preferred`;
    case 'folder':
      return `Keeper: in preferred folder ${lastPathPart(context.rule.preferredFolder ?? '')}`;
  }
}

/** The criteria as the user reads them, for Settings and the CLI's help. */
export const KEEPER_CRITERION_LABELS: Record<KeeperCriterion, string> = {
  raw: 'Camera RAW over other files',
  pixels: 'Most pixels',
  size: 'Largest file',
  date: 'Oldest capture date (else file date)',
  metadata: 'Has camera metadata (capture date)',
  original: 'The original over an edit or copy (by name)',
  format: 'Preferred format (HEIC or JPEG)',
  folder: 'In the preferred folder',
};
