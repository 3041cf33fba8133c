import type { IndexError, IndexProgress, IndexResult } from '../../../shared/contract/entities';
import type { ClipVisionModel } from '../model/clip-vision-model';
import type { ContentIndex } from '../store/content-index';
import type { PairStore } from '../store/pair-store';
import type { PhotoStore } from '../store/photo-store';
import type { StageStore } from '../store/stage-store';
import { catalogueFiles, type LookItem } from './catalogue-stage';
import { embedMissing } from './embed-stage';
import { lookAtPhotos, type LookResult } from './look-stage';
import { updateSamePicturePairs } from './pairing';
import { scanTargets } from './scan-targets';
import { isUnhashed } from './unhashed';

/** The three stages, by what each lets the user see. */
export type StageName = 'identical' | 'same-picture' | 'similar';

export interface IndexerContext {
  photos: PhotoStore;
  pairs: PairStore;
  /** The stages' own queries (what is left to look at or embed, sizes stored). */
  stages: StageStore;
  /**
   * The vision tower at hand from the start (a local folder, a verified download): the look stage's one
   * decode feeds it. null: look without it, and embed in stage 3 once `modelLater` brings it.
   */
  model: ClipVisionModel | null;
  /** The vision tower loaded since the run began (asked before each look batch). */
  loadedModel?: () => ClipVisionModel | null;
  /** The model being fetched (a download): stage 3 waits for it; a rejection leaves stage 3 to a retry. */
  modelLater?: () => Promise<ClipVisionModel | null>;
  /** Never indexed, even when it lies inside a library folder or a link leads into it. */
  dataDir: string;
  /** Never indexed either (the thumbnail folder chosen in Settings). */
  exclude?: string[];
  batchSize: number;
  /** Contents already in the library; without it every hashed file is looked up in the database. */
  knownContent?: ContentIndex;
}

export interface IndexRun {
  signal?: AbortSignal;
  /**
   * Only these folders inside the library folders changed (the watcher's report): walk and reconcile just
   * those subtrees. A library folder with none of them inside is indexed whole.
   */
  onlyUnder?: string[];
  onProgress?: (progress: IndexProgress) => void;
  /** The stage the run is in, with its own counts; null once the run's stages are over. */
  onStage?: (stage: { name: StageName; done: number; total: number } | null) => void;
  /** Rows or pairs were stored that may make or change groups (listeners refetch duplicates). */
  onGroupsMayChange?: () => void;
  /** Stage 3 could not get the model (offline, the hub down): the run still ends well. */
  onModelUnavailable?: (error: unknown) => void;
}

/**
 * Index folders in three stages whose results show as each has them: catalogue (walk, stat, identical
 * files by hash where sizes collide; identical groups are listed when it ends), look (decode once, EXIF,
 * fingerprint, same-picture pairs as it goes), embed (the model's vectors and similar pairs; it waits for
 * the model, and without one the run ends after stage 2). Every write is an atomic batch, so a run killed
 * anywhere resumes from what it stored.
 */
export async function indexFolders(
  folders: string[],
  context: IndexerContext,
  run: IndexRun = {},
): Promise<IndexResult> {
  const started = Date.now();
  const { signal } = run;
  const stages = context.stages;
  const report = throttle(run.onProgress);
  const progress = progressReporter(report);
  report(scanningProgress(), true);
  run.onStage?.({ name: 'identical', done: 0, total: 0 });
  const targets = await scanTargets(folders, run.onlyUnder);
  const catalogue = await catalogueFiles(targets, {
    photos: context.photos,
    stages,
    knownContent: context.knownContent,
    exclude: [context.dataDir, ...(context.exclude ?? [])],
    signal,
    batchSize: Math.max(context.batchSize, 256),
    onProgress: (done, total) => {
      progress('scanning', done, total, null);
      run.onStage?.({ name: 'identical', done, total });
    },
  });
  run.onGroupsMayChange?.();

  const look = await lookStage(catalogue.toLook, context, run, progress);
  // A file that could not be read (now a link elsewhere, a FIFO, unreadable, damaged): its catalogued row
  // describes content that cannot be looked at, so it goes (and is reported as an error).
  const failedKnown = look.failed.filter((path) => catalogue.known.has(path));
  await context.photos.remove(look.failed);

  const walked = targets.map((target) => target.dir);
  const embedded = await embedStage(walked, context, run, progress);
  report({ ...scanningProgress(), phase: 'done', etaSeconds: 0, done: look.written.length }, true);
  run.onStage?.(null);
  const written = new Set([...catalogue.reused, ...look.written, ...embedded.written]);
  return {
    indexed: written.size,
    skipped: catalogue.skipped,
    removed: catalogue.removed + failedKnown.length,
    errors: [...catalogue.errors, ...look.errors, ...embedded.errors],
    cancelled: Boolean(signal?.aborted),
    seconds: (Date.now() - started) / 1000,
  };
}

/**
 * What a run stopped before its end left (catalogued rows not looked at, photos without the model's
 * vector), finished from the store without a walk: on open, after a model change, when the model arrives.
 */
export async function finishPending(context: IndexerContext, run: IndexRun = {}): Promise<IndexResult> {
  const started = Date.now();
  const stages = context.stages;
  const progress = progressReporter(throttle(run.onProgress));
  const items: LookItem[] = [];
  for (let after = ''; !run.signal?.aborted;) {
    const page = await stages.pendingLooks(null, after, 5000);
    if (page.length === 0) break;
    after = page.at(-1)!.path;
    items.push(
      ...page.map(({ hash, ...file }) => ({ file, hash: isUnhashed(hash, file.path) ? null : hash })),
    );
  }
  const look = await lookStage(items, context, run, progress);
  await context.photos.remove(look.failed);
  const embedded = await embedStage(null, context, run, progress);
  run.onStage?.(null);
  return {
    indexed: new Set([...look.written, ...embedded.written]).size,
    skipped: 0,
    removed: look.failed.length,
    errors: [...look.errors, ...embedded.errors],
    cancelled: Boolean(run.signal?.aborted),
    seconds: (Date.now() - started) / 1000,
  };
}

type Progress = (
  phase: IndexProgress['phase'],
  done: number,
  total: number,
  currentFile: string | null,
) => void;

async function lookStage(
  items: LookItem[],
  context: IndexerContext,
  run: IndexRun,
  progress: Progress,
): Promise<LookResult> {
  const { signal } = run;
  run.onStage?.({ name: 'same-picture', done: 0, total: items.length });
  const look = await lookAtPhotos(items, {
    photos: context.photos,
    pairs: context.pairs,
    batchSize: context.batchSize,
    signal,
    model: () => context.model ?? context.loadedModel?.() ?? null,
    onProgress: (done, total, currentFile) => {
      progress('embedding', done, total, currentFile);
      run.onStage?.({ name: 'same-picture', done, total });
    },
    onPairsStored: () => run.onGroupsMayChange?.(),
  });
  if (!signal?.aborted) {
    await updateSamePicturePairs(context.pairs, signal, (done, total) =>
      progress('pairing', done, total, null),
    );
    run.onGroupsMayChange?.();
  }
  return look;
}

async function embedStage(
  under: string[] | null,
  context: IndexerContext,
  run: IndexRun,
  progress: Progress,
): Promise<{ written: string[]; errors: IndexError[] }> {
  const nothing = { written: [], errors: [] };
  const { signal } = run;
  if (signal?.aborted) return nothing;
  const stages = context.stages;
  let model = context.model ?? context.loadedModel?.() ?? null;
  if (!model && context.modelLater) {
    const later = await unlessAborted(context.modelLater(), signal).then(
      (loaded) => loaded,
      (error: unknown) => {
        run.onModelUnavailable?.(error);
        return null;
      },
    );
    model = signal?.aborted ? null : later;
  }
  if (!model) return nothing;
  run.onStage?.({ name: 'similar', done: 0, total: await stages.countLacking(model.id, under) });
  const embedded = await embedMissing({
    photos: context.photos,
    stages,
    pairs: context.pairs,
    model,
    batchSize: context.batchSize,
    under,
    signal,
    onProgress: (done, total, currentFile) => {
      progress('embedding', done, total, currentFile);
      run.onStage?.({ name: 'similar', done, total });
    },
    onPairing: (done, total) => progress('pairing', done, total, null),
  });
  run.onGroupsMayChange?.();
  return embedded;
}

/** The model's load, or null as soon as the run is stopped (the download goes on; its arrival resumes). */
function unlessAborted<T>(loading: Promise<T>, signal: AbortSignal | undefined): Promise<T | null> {
  if (!signal) return loading;
  if (signal.aborted) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const stop = () => resolve(null);
    signal.addEventListener('abort', stop, { once: true });
    loading.then(
      (value) => {
        signal.removeEventListener('abort', stop);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(error);
      },
    );
  });
}

function scanningProgress(): IndexProgress {
  return { phase: 'scanning', done: 0, total: 0, photosPerSecond: 0, etaSeconds: null, currentFile: null };
}

/** Progress in the contract's words, with a rate and an ETA per phase. */
function progressReporter(report: (progress: IndexProgress, force?: boolean) => void): Progress {
  let phaseStarted = Date.now();
  let lastPhase: IndexProgress['phase'] | null = null;
  return (phase, done, total, currentFile) => {
    if (phase !== lastPhase) {
      lastPhase = phase;
      phaseStarted = Date.now();
    }
    const seconds = (Date.now() - phaseStarted) / 1000;
    const photosPerSecond = phase === 'embedding' && seconds > 0 ? done / seconds : 0;
    report({
      phase,
      done,
      total,
      photosPerSecond,
      etaSeconds: photosPerSecond > 0 ? (total - done) / photosPerSecond : null,
      currentFile,
    });
  };
}

/** At most a few progress events a second: a UI redraw per photo would cost more than the photo. */
function throttle(listener: IndexRun['onProgress']) {
  let last = 0;
  let lastPhase: IndexProgress['phase'] | null = null;
  let lastDone = 0;
  return (progress: IndexProgress, force = false) => {
    const now = Date.now();
    // The first event of each phase, and its first with work done, always go out: a listener sees every
    // phase move however fast it runs.
    const firstWork = progress.done > 0 && lastDone === 0;
    if (!listener || (!force && !firstWork && progress.phase === lastPhase && now - last < 200)) return;
    last = now;
    if (progress.phase !== lastPhase) lastDone = 0;
    lastPhase = progress.phase;
    lastDone = progress.done;
    listener(progress);
  };
}
