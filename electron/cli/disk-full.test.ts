import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryProblems } from '../engine/testing/faults/library-snapshot';
import { readEmbeddedSnapshot } from '../engine/testing/faults/read-snapshot';
import { makeSmallLibrary } from '../engine/testing/faults/small-library';
import { TINY_MODEL_DIR } from '../engine/testing/library-fixture';
import { runDoppel } from './testing/run-doppel';

/** A tmpfs is a disk of any size in memory: mounting one needs root on Linux (as in CI containers). */
function canMountTmpfs(): boolean {
  if (process.platform !== 'linux') return false;
  const probe = mkdtempSync(join(tmpdir(), 'doppel-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

/**
 * Room left on the data folder's disk when the run starts: ClickHouse reserves 1 MiB before it writes a
 * part, so this leaves room for a few batches' parts, far from the whole library's. Each search_vectors
 * part carries its by_hash projection too: with 1,800 KB the catalogue's own parts no longer fit, and
 * with 2,800 the disk fills halfway through the look and embed stages (40 of 75 photos, measured).
 */
const ROOM_KB = 2800;

describe.skipIf(!canMountTmpfs())(
  'a disk that fills up mid-index (needs root on Linux to mount a tmpfs)',
  () => {
    let work: string;
    let dataDir: string;
    let files: string[];
    let library: string;
    let mounted = false;

    const resize = (kilobytes: number) =>
      execFileSync('mount', ['-o', `remount,size=${kilobytes}k`, dataDir], { stdio: 'pipe' });
    const usedKb = () => {
      const stats = statfsSync(dataDir);
      return Math.ceil(((stats.blocks - stats.bfree) * stats.bsize) / 1024);
    };

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), 'doppel-disk-full-'));
      library = join(work, 'Photos');
      files = await makeSmallLibrary(library, 60, 3);
      dataDir = join(work, 'data');
      mkdirSync(dataDir);
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m,mode=0700', 'tmpfs', dataDir]);
      mounted = true;
    });
    afterAll(() => {
      if (mounted) execFileSync('umount', [dataDir]);
      rmSync(work, { recursive: true, force: true });
    });

    it('stops with the cause in words, keeps only whole rows, and the next run completes', async () => {
      const common = ['--data-dir', dataDir, '--model', TINY_MODEL_DIR];
      // Create the data folder and its database first, then shrink the disk to leave only a little room.
      expect((await runDoppel(['status', ...common])).code).toBe(0);
      resize(usedKb() + ROOM_KB);

      const full = await runDoppel(['index', library, ...common]);
      expect(full.code).toBe(1);
      expect(full.stderr.trim().split('\n').at(-1)).toMatch(
        /^doppel: The disk holding Doppel's data folder is full: free some space .* what was stored is kept\.$/,
      );
      expect(full.stderr).not.toMatch(/^\s+at /m);
      expect(full.stderr).not.toMatch(/ENOSPC|errno|DB::Exception/i);

      // Room again (the disk grows), then look at what the failed run left before anything repairs it.
      resize(64 * 1024);
      const left = await readEmbeddedSnapshot(dataDir);
      // The catalogue stage gives every file a row before any decode (small rows: they fit); the disk
      // fills while photos are looked at and embedded, so what counts is how many rows are finished.
      expect(left.photos.map((photo) => photo.path).sort()).toEqual([...files].sort());
      const finished = left.photos.filter((photo) => photo.format !== '' && photo.vectorLength > 0);
      const stored = new Set(finished.map((photo) => photo.path));
      console.info(
        `doppel disk-full test: ${stored.size} of ${files.length} photos finished before the disk filled`,
      );
      expect(stored.size).toBeGreaterThan(0);
      expect(stored.size).toBeLessThan(files.length);
      const storedFiles = files.filter((file) => stored.has(file));
      expect(
        await libraryProblems({ ...left, photos: finished }, storedFiles, { interrupted: true }),
      ).toEqual([]);

      const next = await runDoppel(['index', library, ...common, '--json']);
      expect(next.code, next.stderr).toBe(0);
      const result = JSON.parse(next.stdout);
      expect(result.errors).toEqual([]);
      expect(result.skipped).toBe(stored.size);
      expect(result.indexed + result.skipped).toBe(files.length);
      const done = await readEmbeddedSnapshot(dataDir);
      expect(await libraryProblems(done, files)).toEqual([]);
      expect(Object.keys(done.pairs).length).toBeGreaterThan(0);
    }, 300_000);
  },
);
