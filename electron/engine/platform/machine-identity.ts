import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isMachineId } from '../../../shared/machines/machine-paths';
import { UserError } from '../user-error';
import { ensurePrivateDir, writePrivateFileAtomic } from './private-files';

/** This installation, as the computers sharing one index tell each other apart. */
export interface MachineIdentity {
  /** 128 random bits in hex, made once: the photos and folders this installation indexes are its. */
  id: string;
  /** What other computers call it ("This photo lives on anna-macbook"): the host name unless edited. */
  name: string;
}

export const MACHINE_FILE = 'machine.json';

/**
 * This data folder's machine id and name, made on first use and kept with the other private files. The
 * name may be edited in the file; the id never changes: a new id would make this computer a stranger to
 * its own photos (another computer's, never scanned again) and index them all a second time, so a file that
 * cannot be read is refused rather than replaced.
 */
export function machineIdentity(dataDir: string): MachineIdentity {
  const file = join(dataDir, MACHINE_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const made = { id: randomBytes(16).toString('hex'), name: defaultMachineName() };
    ensurePrivateDir(dataDir);
    writePrivateFileAtomic(file, JSON.stringify(made, null, 2));
    return made;
  }
  const read = parseIdentity(text);
  if (!read)
    throw new UserError(
      'machine-file',
      `${file} is damaged: it names this computer to the other computers sharing its index. Restore it from a backup (or delete it to start as a new computer, whose photos are indexed again).`,
    );
  return read;
}

function parseIdentity(text: string): MachineIdentity | null {
  try {
    const value = JSON.parse(text) as { id?: unknown; name?: unknown };
    if (typeof value.id !== 'string' || !isMachineId(value.id)) return null;
    const name = typeof value.name === 'string' && value.name.trim() !== '' ? value.name.trim() : null;
    return { id: value.id, name: (name ?? defaultMachineName()).slice(0, 200) };
  } catch {
    return null;
  }
}

function defaultMachineName(): string {
  return hostname().trim() || 'a computer without a name';
}
