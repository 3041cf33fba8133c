import { sep } from 'node:path';
import type { IndexError } from '../../../shared/contract/entities';
import type { ScannedFile } from './scan-folders';

/**
 * Which known files are really gone. A file counts as vanished only when the scan could see where it was:
 * nothing is dropped under a folder that could not be read (permissions, I/O errors), and a library folder
 * that yields no photo at all while the library holds some under it is an unmounted drive or an empty mount
 * point far more often than a deliberate deletion of every photo: its photos are kept and it is reported.
 */
export function vanishedFiles(
  known: Iterable<string>,
  scanned: ScannedFile[],
  roots: string[],
  unreadable: string[],
): { vanished: string[]; errors: IndexError[] } {
  const scannedPaths = new Set(scanned.map((file) => file.path));
  const knownPaths = [...known];
  const errors: IndexError[] = [];
  const unknown = [...unreadable];
  for (const root of roots) {
    const foundAny = scanned.some((file) => isUnder(file.path, root));
    if (!foundAny && knownPaths.some((path) => isUnder(path, root))) {
      unknown.push(root);
      errors.push({ path: root, error: `${root} looks empty — is the drive connected?` });
    }
  }
  const vanished = knownPaths.filter(
    (path) => !scannedPaths.has(path) && !unknown.some((dir) => path === dir || isUnder(path, dir)),
  );
  return { vanished, errors };
}

function isUnder(path: string, dir: string): boolean {
  return path.startsWith(dir.endsWith(sep) || dir.endsWith('/') ? dir : dir + sep);
}
