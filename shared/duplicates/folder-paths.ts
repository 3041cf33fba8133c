/**
 * Folder tests on paths as text (no node:path: this runs in the renderer too). Library paths are real paths
 * as the engine stored them, so a prefix test on a separator boundary is exact; both separators count,
 * since a Windows library holds backslashes.
 */

function isSeparator(character: string | undefined): boolean {
  return character === '/' || character === '\\';
}

/** True when `path` is `folder` or lies anywhere under it (never for a sibling like `/a/bc` of `/a/b`). */
export function isInFolder(path: string, folder: string): boolean {
  if (folder === '' || !path.startsWith(folder)) return false;
  return path.length === folder.length || isSeparator(folder.at(-1)) || isSeparator(path[folder.length]);
}

/** The folder of `folders` that holds `path` (the deepest when they nest), or null. */
export function folderHolding(path: string, folders: readonly string[]): string | null {
  let found: string | null = null;
  for (const folder of folders)
    if (isInFolder(path, folder) && (found === null || folder.length > found.length)) found = folder;
  return found;
}

/** The last part of a path: a file's name, or a folder's own name (trailing separators ignored). */
export function lastPathPart(path: string): string {
  let end = path.length;
  while (end > 1 && isSeparator(path[end - 1])) end--;
  const trimmed = path.slice(0, end);
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return trimmed.slice(cut + 1) || trimmed;
}

/** The folder a file is in: everything before its name ("/" for a file at the root). */
export function parentFolder(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (cut < 0) return '';
  return cut === 0 ? path.slice(0, 1) : path.slice(0, cut);
}
