import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IndexError } from '../../../shared/contract/entities';

const FILE_NAME = 'last-index-errors.json';

/** The files the last index run could not read, kept across restarts so status and the UI can list them. */
export class LastIndexErrors {
  private errors: IndexError[];

  constructor(private readonly dataDir: string) {
    this.errors = readLastErrors(dataDir);
  }

  get list(): IndexError[] {
    return this.errors;
  }

  record(errors: IndexError[]): void {
    this.errors = errors;
    writeLastErrors(this.dataDir, errors);
  }
}

export function readLastErrors(dataDir: string): IndexError[] {
  try {
    return JSON.parse(readFileSync(join(dataDir, FILE_NAME), 'utf8')) as IndexError[];
  } catch {
    return []; // none yet, or a damaged file: the next run writes it again
  }
}

export function writeLastErrors(dataDir: string, errors: IndexError[]): void {
  // The paths of the user's files: this user's only, like the data folder around it.
  writeFileSync(join(dataDir, FILE_NAME), JSON.stringify(errors, null, 2), { mode: 0o600 });
}
