import { relative } from 'node:path';
import { parseForeignPath } from '../../shared/machines/machine-paths';
import type {
  DuplicateGroup,
  IndexProgress,
  IndexResult,
  ModelDownloadProgress,
  SamePictureLevel,
  SearchResult,
  Status,
} from '../../shared/contract/entities';
import type { IndexStageName } from '../../shared/contract/entities';
import { copiesReclaimableBytes, totalReclaimableBytes } from '../../shared/duplicates/policy';
import { formatStageLines } from './cli-stages';
import { DEFAULT_SAME_PICTURE_LEVEL } from '../../shared/duplicates/same-picture-levels';
import { terminalText as safe } from './terminal-text';
import { displayWidth, truncateEnd, truncateMiddle } from './terminal-width';

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export function formatIndexResult(result: IndexResult): string {
  const lines = [
    `${result.cancelled ? 'Cancelled' : 'Done'} in ${result.seconds.toFixed(1)} s: ${result.indexed} indexed, ${result.skipped} unchanged, ${result.removed} removed, ${result.errors.length} could not be read.`,
  ];
  for (const error of result.errors) lines.push(`  ${safe(error.path)}: ${safe(error.error)}`);
  return lines.join('\n');
}

export function formatSearchResults(results: SearchResult[]): string {
  if (results.length === 0) return 'No similar photos in the library.';
  return table(
    ['distance', 'size', 'path'],
    results.map((r) => [
      r.distance.toFixed(4),
      `${r.photo.width}x${r.photo.height}`,
      safe(shownPath(r.path, r.photo.machine)),
    ]),
  );
}

export function formatDuplicateGroups(
  groups: DuplicateGroup[],
  maxDistance: number,
  samePicture?: SamePictureLevel,
  /** Why each group's keeper was suggested ("Keeper: largest file"), in the groups' order. */
  keeperReasons: readonly (string | null)[] = [],
  /** The computer each of another computer's photos lives on (an index shared on a server), by path. */
  machineOf: (path: string) => string | undefined = () => undefined,
): string {
  const itemLine = (item: { path: string; distance: number }) =>
    `    ${item.distance.toFixed(4)}  ${safe(displayPath(item.path, machineOf(item.path)))}`;
  // The level is named only when it is not the default, so the everyday line stays short.
  const levelNote =
    samePicture && samePicture !== DEFAULT_SAME_PICTURE_LEVEL ? ` (same picture: ${samePicture})` : '';
  if (groups.length === 0) return `No duplicates at distance ${maxDistance}${levelNote}.`;
  // A plain RAW+JPEG pair is one shot: its JPEG is not space to free (and the grouping already leaves the
  // keeper's own twin out of every other group's reclaimable bytes).
  const pairs = groups.filter((group) => group.kind === 'raw+jpeg').length;
  const reclaim = totalReclaimableBytes(groups);
  const pairNote = pairs > 0 ? ` (${pairs} RAW+JPEG ${pairs === 1 ? 'pair' : 'pairs'} not counted)` : '';
  // With similar shots in the list, not all of it is copies: say how much is (what bulk trash works on).
  const copiesNote = groups.some((group) => group.kind === 'similar')
    ? `, ${formatBytes(copiesReclaimableBytes(groups))} of it copies of the same picture`
    : '';
  const lines = [
    `${groups.length} ${groups.length === 1 ? 'group' : 'groups'} at distance ${maxDistance}${levelNote}; ${formatBytes(reclaim)} could be freed${copiesNote}${pairNote}.`,
  ];
  for (const [index, group] of groups.entries()) {
    const reason = keeperReasons[index]?.replace(/^Keeper: /, '');
    lines.push(
      '',
      `[${group.kind}] keep ${safe(shownPath(group.keeper, machineOf(group.keeper)))}${reason ? `  (${safe(reason)})` : ''}`,
    );
    if (group.kind !== 'similar' || group.copies.length === 0) {
      for (const item of group.items.slice(1)) lines.push(itemLine(item));
      continue;
    }
    // A similar group lists its shots with no copy first, then each set of copies of one picture with its
    // own keeper and the distances to it: the sets are what "trash all but the keeper" acts on.
    const inSets = new Set(group.copies.flatMap((set) => set.items.map((item) => item.path)));
    for (const item of group.items.slice(1)) if (!inSets.has(item.path)) lines.push(itemLine(item));
    const distanceToKeeper = new Map(group.items.map((item) => [item.path, item.distance]));
    for (const set of group.copies) {
      const fromKeeper =
        set.keeper === group.keeper ? '' : ` at ${distanceToKeeper.get(set.keeper)?.toFixed(4)}`;
      lines.push(
        `  copies [${set.kind}] keep ${safe(displayPath(set.keeper, machineOf(set.keeper)))}${fromKeeper}`,
      );
      for (const item of set.items.slice(1)) lines.push(itemLine(item));
    }
  }
  return lines.join('\n');
}

function displayPath(path: string, machine?: string): string {
  return parseForeignPath(path) ? shownPath(path, machine) : relative(process.cwd(), path) || path;
}

/**
 * Another computer's photo (an index shared on a server) by its path there and where it lives: its path
 * means nothing on this computer's disk, so it is never made relative to the working folder.
 */
function shownPath(path: string, machine?: string): string {
  const foreign = parseForeignPath(path);
  return foreign ? `${foreign.path}  (on ${machine ?? 'another computer'})` : path;
}

export function formatStatus(status: Status): string {
  const lines = [
    `${status.images} photos, model ${safe(status.model)}, ${status.storage} ClickHouse, data in ${safe(status.dataDir)}`,
    ...formatStageLines(status.stages ?? []),
  ];
  for (const folder of status.folders)
    lines.push(
      `  ${folder.images.toString().padStart(8)}  ${safe(shownPath(folder.path, folder.machine))}${folder.protected ? '  (protected)' : ''}`,
    );
  if (status.lastErrors.length > 0)
    lines.push(`${status.lastErrors.length} files could not be read in the last run.`);
  return lines.join('\n');
}

/**
 * One line, redrawn in place: the stage the run is in (when the engine says), done/total, rate, ETA and the
 * current file. `columns` is the width it must fit (a terminal's): the file's path gives way first, cut in the
 * middle so its name stays; null: no limit (a log).
 */
export function formatProgressLine(
  progress: IndexProgress,
  columns: number | null = null,
  stage: IndexStageName | null = null,
): string {
  if (progress.phase === 'done') return '';
  const inStage = stage ? `${stage}: ` : '';
  if (progress.phase === 'scanning') return fitLine(`${inStage}Scanning folders…`, columns);
  if (progress.phase === 'pairing')
    return fitLine(`${inStage}Finding pairs ${progress.done}/${progress.total}`, columns);
  const fraction = progress.total > 0 ? progress.done / progress.total : 1;
  const bar = '#'.repeat(Math.round(fraction * 24)).padEnd(24, '.');
  const eta = progress.etaSeconds === null ? '' : ` ETA ${Math.ceil(progress.etaSeconds)}s`;
  const numbers = `${progress.done}/${progress.total} ${progress.photosPerSecond.toFixed(1)} photos/s${eta}`;
  const counts = `${inStage}${numbers}`;
  // The bar is the first thing to go on a narrow terminal, then the file, then the counts' end.
  const withBar = `${inStage}[${bar}] ${numbers}`;
  const file = safe(progress.currentFile ?? '');
  if (columns === null) return file ? `${withBar} ${file}` : withBar;
  const head = displayWidth(withBar) + 1 + MIN_FILE_COLUMNS <= columns || !file ? withBar : counts;
  if (!file) return truncateEnd(head, columns);
  const room = columns - displayWidth(head) - 1;
  if (room < MIN_FILE_COLUMNS) return truncateEnd(head, columns);
  return `${head} ${truncateMiddle(file, room)}`;
}

/** Fewer columns than this for the file name are not worth showing. */
const MIN_FILE_COLUMNS = 12;

function fitLine(line: string, columns: number | null): string {
  return columns === null ? line : truncateEnd(line, columns);
}

/** One line for the model download: bytes of total, speed and time left. */
export function formatDownloadLine(progress: ModelDownloadProgress, columns: number | null = null): string {
  const total = progress.totalBytes === null ? '' : ` of ${formatBytes(progress.totalBytes)}`;
  const percent =
    progress.totalBytes && progress.totalBytes > 0
      ? ` (${Math.floor((100 * progress.loadedBytes) / progress.totalBytes)}%)`
      : '';
  const speed = progress.bytesPerSecond > 0 ? `, ${formatBytes(progress.bytesPerSecond)}/s` : '';
  const eta =
    progress.etaSeconds === null || progress.etaSeconds === 0
      ? ''
      : `, ${Math.ceil(progress.etaSeconds)} s left`;
  const line = `Downloading the model (first run only): ${formatBytes(progress.loadedBytes)}${total}${percent}${speed}${eta}`;
  return fitLine(line, columns);
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(headers), ...rows.map(line)].join('\n');
}
