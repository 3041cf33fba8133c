/*
 * One index shared by several computers (a ClickHouse server): a photo of another computer is named by its
 * owner's machine id and its path there, `doppel-machine:<id>:<path>`. Its own photos keep their plain
 * paths, so embedded libraries (one computer) and every path a user types stay exactly as they were. No
 * absolute path on any system starts with the marker (a drive letter is one letter; POSIX and UNC paths
 * start with a separator), so a plain path can never be taken for another computer's.
 */

/** What every path of another computer's photo starts with. */
export const FOREIGN_PATH_MARKER = 'doppel-machine:';

/** A machine id: 32 lowercase hex digits (128 random bits), so a name never reads into the path. */
const MACHINE_ID = /^[0-9a-f]{32}$/;

export function isMachineId(id: string): boolean {
  return MACHINE_ID.test(id);
}

/** The path by which this index names `path` on the computer `machineId`. */
export function foreignPath(machineId: string, path: string): string {
  if (!isMachineId(machineId)) throw new Error(`"${machineId}" is not a machine id`);
  return `${FOREIGN_PATH_MARKER}${machineId}:${path}`;
}

/** The computer and its own path, for a path naming another computer's photo; null for a plain path. */
export function parseForeignPath(path: string): { machineId: string; path: string } | null {
  if (!path.startsWith(FOREIGN_PATH_MARKER)) return null;
  const machineId = path.slice(FOREIGN_PATH_MARKER.length, FOREIGN_PATH_MARKER.length + 32);
  if (!isMachineId(machineId) || path[FOREIGN_PATH_MARKER.length + 32] !== ':') return null;
  return { machineId, path: path.slice(FOREIGN_PATH_MARKER.length + 33) };
}

/** The path as its owner sees it (a plain path stays as it is): what a photographer is shown. */
export function pathOnItsMachine(path: string): string {
  return parseForeignPath(path)?.path ?? path;
}

/** What an action on another computer's photo answers, naming where the file lives. */
export function livesElsewhereSentence(machineName: string, action: string): string {
  return `This photo lives on ${machineName}; open Doppel there to ${action}.`;
}
