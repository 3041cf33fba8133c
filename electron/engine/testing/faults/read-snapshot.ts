import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LibrarySnapshot } from './library-snapshot';

const SNAPSHOT_MAIN = join(__dirname, 'snapshot-main.ts');

/** The snapshot of the embedded library in a data folder, read by a process of its own (see snapshot-main). */
export async function readEmbeddedSnapshot(dataDir: string): Promise<LibrarySnapshot> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', SNAPSHOT_MAIN, join(dataDir, 'clickhouse')],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as LibrarySnapshot;
}
