// Paths come from the engine's machine, which may be Windows while the browser is not: split on both.
const separator = /[\\/]/;

export function fileName(path: string): string {
  const parts = path.split(separator);
  return parts[parts.length - 1] || path;
}

export function folderOf(path: string): string {
  const match = /^(.*)[\\/][^\\/]*$/.exec(path);
  if (!match) return '';
  return match[1] || path.slice(0, 1);
}
