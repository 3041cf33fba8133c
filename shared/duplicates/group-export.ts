import type { CopySet, DuplicateKind, PhotoInfo, SamePictureLevel } from '../contract/entities';
import { folderHolding, lastPathPart, parentFolder } from './folder-paths';

/**
 * Duplicate groups as a file: CSV for a spreadsheet, JSON for a program. One module for the renderer's
 * download button and the CLI's `--format csv|json`, so both write the same columns.
 */

/** A group as shown: its kind, its keeper (the suggestion or the user's pick), members keeper first. */
export interface ExportGroup {
  kind: DuplicateKind;
  keeper: string;
  /** Members keeper first; `distance` to the keeper (null when no model measured it). */
  items: readonly { path: string; distance: number | null }[];
  reclaimableBytes: number;
  /** Why this keeper ("Keeper: RAW original"), when known. */
  keeperReason?: string | null;
  /** The group's copy sets, as the engine grouped them (written to JSON only). */
  copies?: readonly CopySet[];
}

export interface ExportOptions {
  maxDistance: number;
  /** The same-picture level the groups were made at (JSON only). */
  samePicture?: SamePictureLevel;
  /** The photo behind each path (a path without one is written with its path alone). */
  photoOf: (path: string) => PhotoInfo | undefined;
  protectedFolders?: readonly string[];
}

export interface ExportedPhoto {
  path: string;
  distance: number | null;
  name: string;
  folder: string;
  keeper: boolean;
  protected: boolean;
  size: number | null;
  width: number | null;
  height: number | null;
  pixels: number | null;
  /** EXIF capture time, as the file states it (ISO 8601, the camera's clock). */
  takenAt: string | null;
  /** The file's modification time (ISO 8601, UTC). */
  modifiedAt: string | null;
}

function exportedPhoto(
  item: { path: string; distance: number | null },
  keeper: string,
  options: ExportOptions,
): ExportedPhoto {
  const photo = options.photoOf(item.path);
  const modified = photo && Number.isFinite(photo.mtimeMs) ? new Date(photo.mtimeMs) : null;
  return {
    path: item.path,
    distance: item.distance,
    name: lastPathPart(item.path),
    folder: parentFolder(item.path),
    keeper: item.path === keeper,
    protected: folderHolding(item.path, options.protectedFolders ?? []) !== null,
    size: photo?.size ?? null,
    width: photo?.width ?? null,
    height: photo?.height ?? null,
    pixels: photo ? photo.width * photo.height : null,
    takenAt: photo?.takenAt ?? null,
    modifiedAt: modified && !Number.isNaN(modified.getTime()) ? modified.toISOString() : null,
  };
}

/**
 * JSON: `{ maxDistance, samePicture, groups: [{ kind, keeper, keeperReason, reclaimableBytes, items: [photo...], copies }] }`.
 * A superset of what `doppel duplicates --json` always wrote (items keep `path` and `distance`).
 */
export function groupsAsJson(groups: readonly ExportGroup[], options: ExportOptions): string {
  return JSON.stringify(
    {
      maxDistance: options.maxDistance,
      ...(options.samePicture ? { samePicture: options.samePicture } : {}),
      groups: groups.map((group) => ({
        kind: group.kind,
        keeper: group.keeper,
        ...(group.keeperReason ? { keeperReason: group.keeperReason } : {}),
        reclaimableBytes: group.reclaimableBytes,
        items: group.items.map((item) => exportedPhoto(item, group.keeper, options)),
        ...(group.copies ? { copies: group.copies } : {}),
      })),
    },
    null,
    2,
  );
}

export const CSV_COLUMNS = [
  'group',
  'kind',
  'role',
  'path',
  'name',
  'folder',
  'protected',
  'size_bytes',
  'width',
  'height',
  'pixels',
  'taken_at',
  'modified_at',
  'distance_to_keeper',
  'group_reclaimable_bytes',
  'keeper_reason',
] as const;

/** One row per photo, keeper first in each group; RFC 4180 quoting, CRLF line ends, a header row. */
export function groupsAsCsv(groups: readonly ExportGroup[], options: ExportOptions): string {
  const lines = [CSV_COLUMNS.join(',')];
  groups.forEach((group, index) => {
    for (const item of group.items) {
      const photo = exportedPhoto(item, group.keeper, options);
      const row: (string | number | null)[] = [
        index + 1,
        group.kind,
        photo.keeper ? 'keeper' : 'copy',
        photo.path,
        photo.name,
        photo.folder,
        photo.protected ? 'yes' : 'no',
        photo.size,
        photo.width,
        photo.height,
        photo.pixels,
        photo.takenAt,
        photo.modifiedAt,
        photo.distance,
        group.reclaimableBytes,
        photo.keeper ? (group.keeperReason ?? '') : '',
      ];
      lines.push(row.map(csvCell).join(','));
    }
  });
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which some read past) as a
 * formula: a file named `=HYPERLINK(...).jpg` must stay text, so such a cell gets a leading quote (OWASP's
 * advice). Then a cell holding a comma, a quote or a line break is quoted, its quotes doubled.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export type ExportFormat = 'csv' | 'json';

export function exportGroups(
  format: ExportFormat,
  groups: readonly ExportGroup[],
  options: ExportOptions,
): string {
  return format === 'csv' ? groupsAsCsv(groups, options) : groupsAsJson(groups, options);
}
