import { openDatabase } from '../../store/database';
import { snapshotLibrary } from './library-snapshot';

/**
 * Prints the snapshot of an embedded library as JSON. A process of its own: chdb opens one data folder
 * per process, and a test compares two libraries (an interrupted run's and an uninterrupted one's).
 */
async function main(path: string): Promise<void> {
  const db = await openDatabase({ kind: 'embedded', path });
  try {
    process.stdout.write(JSON.stringify(await snapshotLibrary(db)));
  } finally {
    await db.close();
  }
}

void main(process.argv[2]!).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
});
