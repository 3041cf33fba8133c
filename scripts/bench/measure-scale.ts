import { mkdirSync, rmSync, statfsSync } from 'node:fs';
import path from 'node:path';
import { loadDuplicateGraph } from '../../electron/engine/library/duplicate-graph';
import type { Database } from '../../electron/engine/store/database';
import { PairStore } from '../../electron/engine/store/pair-store';
import { CACHE_DIR, recallSampleFor, type BenchConfig } from './bench-config';
import { pairCount, sampleHashes } from './exact-reference';
import {
  addPhotos,
  freshDatabase,
  MODEL,
  photosLabel,
  queryByPhoto,
  recallRow,
  regroupRow,
  time,
  updateBenchPairs,
  type Measured,
  type Row,
} from './measure-vectors';
import { insertSyntheticVectors } from './synthetic-vectors';

/**
 * photos (2 KB of float32 per vector plus the row), search_vectors (1 KB) and the cells' copy (2 KB), with
 * room for merges: the 3M library took 25 GB (8.3 KB a photo) before its pairs were built.
 */
const DISK_BYTES_PER_PHOTO = 10_000;

/**
 * (8) The largest library: `--only scale`, DOPPEL_BENCH_SCALE_SIZE photos (3M by default), clip-like.
 * Query by photo, the full pair build (skipped with DOPPEL_BENCH_SCALE_BUILD=0: the library is then only
 * marked paired, so the increment that follows searches the new photos against all without a graph of the
 * old ones), adding photos, and regrouping the graph it leaves. Kept out of the normal run, which stays
 * within about 15 minutes.
 */
export async function measureScale(config: BenchConfig): Promise<Measured> {
  const size = config.scaleSize;
  // The last run's library goes first: its disk is this run's.
  rmSync(path.join(CACHE_DIR, 'scale-db'), { recursive: true, force: true });
  assertDiskFor(size);
  const rows: Row[] = [];
  const recall: number[] = [];
  const db = await freshDatabase('scale-db');
  try {
    const insert = await time(() => insertSyntheticVectors(db, MODEL, 0, size, config.dims, 'clip-like'));
    const query = await queryByPhoto(db, size, 'clip-like');
    recall.push(query.overlap);
    query.rows[0]!.note += `; generating the vectors took ${(insert.ms / 1000).toFixed(0)} s`;
    rows.push(...query.rows);
    const pairs = new PairStore(db);
    if (config.scaleFullBuild) {
      const build = await time(() => updateBenchPairs(pairs, config));
      const sample = await sampleHashes(db, MODEL, recallSampleFor(config, size), 1);
      const check = await recallRow(db, photosLabel(size, 'clip-like'), sample, config.maxDistance);
      recall.push(check.recall);
      rows.push(
        {
          measurement: 'pair graph, full build (updatePairGraphs)',
          size: photosLabel(size, 'clip-like'),
          value: build.ms / 1000,
          unit: 's',
          note: `${(await pairCount(db, MODEL)).toLocaleString('en')} pairs within ${config.maxDistance}`,
        },
        check.row,
      );
    } else {
      await markAllPaired(db);
    }
    const added = await addPhotos(db, config, size, 'clip-like');
    recall.push(added.recall);
    if (!config.scaleFullBuild) added.row.note += '; library marked paired without a full build';
    rows.push(added.row);
    if (config.scaleFullBuild) {
      const load = await time(() =>
        loadDuplicateGraph(db, pairs, { id: MODEL, maxDistance: config.maxDistance, defaultThreshold: 0.25 }),
      );
      rows.push(
        regroupRow(
          load.value,
          `${photosLabel(size + config.addedPhotos, 'clip-like')} library`,
          `graph load ${(load.ms / 1000).toFixed(1)} s`,
          config.maxDistance,
        ),
      );
    }
  } finally {
    await db.close();
  }
  return { rows, recall };
}

async function markAllPaired(db: Database): Promise<void> {
  await db.client.command({
    query: `INSERT INTO ${db.name}.paired (kind, hash)
            SELECT DISTINCT {model:String}, hash FROM ${db.name}.photos FINAL WHERE model = {model:String}`,
    query_params: { model: MODEL },
  });
}

function assertDiskFor(size: number): void {
  mkdirSync(CACHE_DIR, { recursive: true });
  const disk = statfsSync(CACHE_DIR);
  const free = disk.bavail * disk.bsize;
  const needed = size * DISK_BYTES_PER_PHOTO;
  if (free < needed)
    throw new Error(
      `a library of ${size.toLocaleString('en')} photos needs about ${(needed / 1e9).toFixed(0)} GB free ` +
        `in ${CACHE_DIR}, and ${(free / 1e9).toFixed(0)} GB are; set DOPPEL_BENCH_SCALE_SIZE lower`,
    );
}
