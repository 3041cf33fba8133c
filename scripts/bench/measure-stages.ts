import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import sharp from 'sharp';
import type { DuplicateKind } from '../../shared/contract/entities';
import { DoppelEngine } from '../../electron/engine/doppel-engine';
import { CACHE_DIR, type BenchConfig } from './bench-config';
import type { Row } from './measure-vectors';
import { ensurePhotos } from './synthetic-photos';

/** One photo in this many gets a byte-identical copy, and another one in this many a re-saved copy. */
const COPY_EVERY = 20;

/**
 * The staged library: `count` distinct 12 MP photos (the same generator as the indexing measurement),
 * plus a byte-identical copy of every 20th photo in `copies/` (a card copied twice) and, beside its
 * original, a JPEG re-saved at quality 75 of every 20th photo from the 10th on (the same picture, other
 * bytes: an edit or export saved into the same folder). Generated once, reused.
 */
async function ensureStagedLibrary(count: number): Promise<{ root: string; files: number }> {
  const root = path.join(CACHE_DIR, `staged-12mp-${count}`);
  const photos = await ensurePhotos(root, count);
  const copies = path.join(root, 'copies');
  mkdirSync(copies, { recursive: true });
  let files = photos.length;
  for (const [index, photo] of photos.entries()) {
    const name = path.basename(photo, '.jpg');
    if (index % COPY_EVERY === 0) {
      const copy = path.join(copies, `${name} copy.jpg`);
      if (!existsSync(copy)) copyFileSync(photo, copy);
      files++;
    }
    if (index % COPY_EVERY === COPY_EVERY / 2) {
      const resaved = path.join(root, `${name} resaved.jpg`);
      if (!existsSync(resaved)) {
        await sharp(photo).jpeg({ quality: 75 }).toFile(`${resaved}.partial`);
        renameSync(`${resaved}.partial`, resaved);
      }
      files++;
    }
  }
  return { root, files };
}

/**
 * (8) Results from the first minute: a fresh library indexed through the engine (the benchmark model at
 * hand, so the look's one decode feeds it), timing when duplicates() first lists an identical group and a
 * same-picture group, and when the run ends. duplicates() is asked again on every stagesChanged and
 * libraryChanged event (the UI refetches on the same events), so a time includes the event's throttle.
 */
export async function measureStages(config: BenchConfig): Promise<Row[]> {
  const { root, files } = await ensureStagedLibrary(config.stagedPhotos);
  const dataDir = path.join(CACHE_DIR, 'staged-data');
  rmSync(dataDir, { recursive: true, force: true });
  const engine = await DoppelEngine.open({
    dataDir,
    role: 'bench',
    model: config.modelDir,
    batchSize: config.batchSize,
  });
  const first: Partial<Record<DuplicateKind, number>> = {};
  let started = 0;
  let asking: Promise<void> | null = null;
  let askAgain = false;
  const ask = () => {
    if (asking) {
      askAgain = true;
      return;
    }
    asking = (async () => {
      do {
        askAgain = false;
        const { groups } = await engine.duplicates({});
        const seconds = (performance.now() - started) / 1000;
        for (const group of groups) first[group.kind] ??= seconds;
        for (const set of groups.flatMap((group) => group.copies ?? [])) first[set.kind] ??= seconds;
      } while (askAgain);
      asking = null;
    })();
  };
  engine.onEvent((event) => {
    if (started > 0 && (event === 'stagesChanged' || event === 'libraryChanged')) ask();
  });
  // How long the engine's thread went without a turn: thumbnails and API answers wait that long.
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  try {
    stalls.enable();
    started = performance.now();
    const result = await engine.indexFolders({ paths: [root] });
    const seconds = (performance.now() - started) / 1000;
    stalls.disable();
    while (asking) await asking;
    if (result.errors.length > 0 || result.indexed !== files)
      throw new Error(`indexed ${result.indexed} of ${files}: ${JSON.stringify(result.errors.slice(0, 3))}`);
    const size = `${config.stagedPhotos} photos + ${files - config.stagedPhotos} copies (12 MP)`;
    const at = (kind: DuplicateKind) => first[kind] ?? Number.NaN;
    return [
      {
        measurement: 'staged indexing: first identical group listed',
        size,
        value: at('identical'),
        unit: 's',
        note: `${((100 * at('identical')) / seconds).toFixed(0)}% into the run (catalogue: walk, stat, hash colliding sizes)`,
      },
      {
        measurement: 'staged indexing: first same-picture group listed',
        size,
        value: at('same-picture'),
        unit: 's',
        note: `${((100 * at('same-picture')) / seconds).toFixed(0)}% into the run (pairing after 64 looked, then doubling)`,
      },
      {
        measurement: 'staged indexing: end of the run (all three stages)',
        size,
        value: seconds,
        unit: 's',
        note: `${(files / seconds).toFixed(1)} photos/s, model at hand (one decode per photo)`,
      },
      {
        measurement: "staged indexing: the engine thread's event-loop delay, 99th percentile",
        size,
        value: stalls.percentile(99) / 1e6,
        unit: 'ms',
        note: `longest ${(stalls.max / 1e6).toFixed(0)} ms, mean ${(stalls.mean / 1e6).toFixed(0)} ms; duplicates() asked again on every change, more often than the UI (which backs off)`,
      },
    ];
  } finally {
    await engine.close();
  }
}
