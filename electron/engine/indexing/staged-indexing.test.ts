import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexStage, IndexProgress } from '../../../shared/contract/entities';
import { DoppelEngine, type EngineOptions } from '../doppel-engine';
import { startFakeModelHub, type FakeModelHub } from '../model/testing/fake-model-hub';
import { heldVisionModel } from '../model/testing/held-vision-model';
import { closedPort } from '../testing/closed-port';
import { pairDifferences } from '../testing/faults/library-snapshot';
import { readEmbeddedSnapshot } from '../testing/faults/read-snapshot';
import { makePlantedLibrary, TINY_MODEL_DIR, type PlantedLibrary } from '../testing/library-fixture';

/** The tiny model as the hub serves it: a model that must be downloaded, so it is not at hand at first. */
const REPO = 'doppel-test/tiny-clip';

let work: string;
let library: PlantedLibrary;
let hub: FakeModelHub;
let front: SwitchableHub;
const savedHost = process.env.DOPPEL_MODEL_HOST;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'doppel-stages-'));
  library = await makePlantedLibrary(join(work, 'Photos'), 2);
  hub = await startFakeModelHub(TINY_MODEL_DIR, REPO);
  front = await startSwitchableHub(hub);
});
afterAll(async () => {
  if (savedHost === undefined) delete process.env.DOPPEL_MODEL_HOST;
  else process.env.DOPPEL_MODEL_HOST = savedHost;
  await front?.close();
  await hub?.close();
  await rm(work, { recursive: true, force: true });
});

function open(name: string, options: Partial<EngineOptions> = {}): Promise<DoppelEngine> {
  return DoppelEngine.open({ dataDir: join(work, name), role: 'test', batchSize: 4, ...options });
}

const stageOf = (stages: IndexStage[] | undefined, name: IndexStage['name']) =>
  stages?.find((stage) => stage.name === name);

/** Resolves with the stages once `done` holds for what status says or a stagesChanged event brings. */
async function untilStages(
  engine: DoppelEngine,
  done: (stages: IndexStage[]) => boolean,
): Promise<IndexStage[]> {
  return new Promise((resolve, reject) => {
    const check = (stages: IndexStage[]) => {
      if (!done(stages)) return;
      stop();
      resolve(stages);
    };
    const stop = engine.onEvent((event, payload) => {
      if (event === 'stagesChanged') check((payload as { stages: IndexStage[] }).stages);
    });
    engine.status().then((status) => check(status.stages ?? []), reject);
  });
}

describe('the image model cannot be fetched', () => {
  it('stages 1 and 2 finish and list their groups; the similar stage waits, says why, and completes after a restart once the hub answers', async () => {
    process.env.DOPPEL_MODEL_HOST = `http://127.0.0.1:${await closedPort()}/`;
    const offline = await open('offline', { model: REPO });
    try {
      const result = await offline.indexFolders({ paths: [library.root] });
      expect(result.cancelled).toBe(false);
      expect(result.errors.map((error) => error.path).sort()).toEqual([...library.bad].sort());
      const { stages } = await offline.status();
      const photos = (await offline.status()).images;
      expect(stageOf(stages, 'identical')).toMatchObject({ state: 'done', done: photos, total: photos });
      expect(stageOf(stages, 'same-picture')).toMatchObject({ state: 'done', done: photos, total: photos });
      expect(stageOf(stages, 'similar')).toMatchObject({ state: 'waiting', done: 0, total: photos });
      expect(stageOf(stages, 'similar')?.reason).toMatch(
        /^Finding similar shots needs the image model: offline, will retry/,
      );
      await expectModelFreeGroups(offline, library);
    } finally {
      await offline.close();
    }

    // The hub answers 503: the engine retries by itself (no folder added), and keeps waiting.
    front.up = false;
    process.env.DOPPEL_MODEL_HOST = front.host;
    const down = await open('offline', { model: REPO, embedInBackground: true, modelRetryDelaysMs: [50] });
    try {
      const refusedBefore = front.refused;
      // Each attempt asks for the vision tower's three files: two attempts at least, on its own.
      await untilStages(down, () => front.refused >= refusedBefore + 6);
      // Retrying every 50 ms, it spends part of each moment "loading it": wait for the word between tries.
      const offlineBetweenTries = /needs the image model: offline, will retry/;
      const stages = await untilStages(down, (now) =>
        offlineBetweenTries.test(stageOf(now, 'similar')?.reason ?? ''),
      );
      expect(stageOf(stages, 'similar')).toMatchObject({ state: 'waiting', done: 0 });
    } finally {
      await down.close();
    }

    // The hub is back: after a restart the similar stage completes by itself.
    front.up = true;
    const back = await open('offline', { model: REPO, embedInBackground: true });
    try {
      const stages = await untilStages(back, (s) => stageOf(s, 'similar')?.state === 'done');
      const photos = (await back.status()).images;
      expect(stageOf(stages, 'similar')).toMatchObject({ done: photos, total: photos, reason: null });
      const graph = await back.duplicateGraph();
      expect(graph.pairs.some((pair) => pair.distance !== null)).toBe(true);
      const search = await back.search({ image: { path: library.families[0]!.original } });
      expect(search.coverage).toEqual({ embedded: photos, total: photos });
    } finally {
      await back.close();
    }
  }, 600_000);

  it('while the model downloads, the similar stage says how far it has come, in megabytes of the real size', async () => {
    front.up = true;
    front.holdAfterBytes = 1000;
    process.env.DOPPEL_MODEL_HOST = front.host;
    const engine = await open('downloading', { model: REPO });
    try {
      const run = engine.indexFolders({ paths: [library.root] });
      const stages = await untilStages(engine, (s) =>
        /downloading/.test(stageOf(s, 'similar')?.reason ?? ''),
      );
      expect(stageOf(stages, 'identical')?.state).toBe('done');
      expect(stageOf(stages, 'similar')).toMatchObject({ state: 'waiting' });
      expect(stageOf(stages, 'similar')?.reason).toMatch(
        /^Finding similar shots needs the image model \(\d+ MB\): downloading \d+%$/,
      );
      front.release();
      expect((await run).cancelled).toBe(false);
      expect(stageOf((await engine.status()).stages, 'similar')?.state).toBe('done');
    } finally {
      front.holdAfterBytes = null;
      await engine.close();
    }
  }, 600_000);
});

describe('groups appear stage by stage', () => {
  it('lists identical and same-picture groups while the embed stage is still running', async () => {
    const model = heldVisionModel(TINY_MODEL_DIR, true);
    const engine = await open('held', { model: REPO, loadVision: model.load });
    try {
      const run = engine.indexFolders({ paths: [library.root] });
      await model.waiting;
      const { stages } = await engine.status();
      expect(stageOf(stages, 'similar')).toMatchObject({ state: 'running', done: 0 });
      expect(stageOf(stages, 'same-picture')?.state).toBe('done');
      await expectModelFreeGroups(engine, library);
      // Search works too, over what is embedded so far (nothing yet), and says so.
      const search = await engine.search({ image: { path: library.families[0]!.original } });
      expect(search.coverage?.embedded).toBe(0);
      model.release();
      expect((await run).cancelled).toBe(false);
      expect(stageOf((await engine.status()).stages, 'similar')?.state).toBe('done');
    } finally {
      model.release();
      await engine.close();
    }
  }, 600_000);
});

describe('a run cancelled mid-stage', () => {
  let reference: Awaited<ReturnType<typeof readEmbeddedSnapshot>>;

  beforeAll(async () => {
    const engine = await open('reference', {
      model: REPO,
      loadVision: heldVisionModel(TINY_MODEL_DIR, false).load,
    });
    await engine.indexFolders({ paths: [library.root] });
    await engine.close();
    reference = await readEmbeddedSnapshot(join(work, 'reference'));
    expect(Object.keys(reference.pairs).length).toBeGreaterThan(0);
    expect(reference.pixelPairs.length).toBeGreaterThan(0);
  }, 600_000);

  /** Cancel at `moment`, then run again: the library ends as the uninterrupted run left it. */
  async function cancelThenFinish(name: string, moment: (engine: DoppelEngine, release: () => void) => void) {
    const model = heldVisionModel(TINY_MODEL_DIR, name === 'embed');
    const engine = await open(name, { model: REPO, loadVision: model.load });
    try {
      moment(engine, model.release);
      const cancelled = await engine.indexFolders({ paths: [library.root] });
      expect(cancelled.cancelled).toBe(true);
      model.release();
      const again = await engine.indexFolders({ paths: [library.root] });
      expect(again.cancelled).toBe(false);
      expect((await engine.status()).stages?.map((stage) => stage.state)).toEqual(['done', 'done', 'done']);
    } finally {
      model.release();
      await engine.close();
    }
    const actual = await readEmbeddedSnapshot(join(work, name));
    expect(actual.photos).toEqual(reference.photos);
    expect(pairDifferences(actual, reference)).toEqual([]);
  }

  const onProgress = (engine: DoppelEngine, phase: IndexProgress['phase'], then: () => void) => {
    let fired = false;
    engine.onEvent((event, payload) => {
      const progress = payload as IndexProgress;
      if (event !== 'indexProgress' || fired || progress.phase !== phase || progress.done === 0) return;
      fired = true;
      then();
    });
  };

  it('while cataloguing', async () => {
    await cancelThenFinish('catalogue', (engine) =>
      onProgress(engine, 'scanning', () => void engine.cancelIndexing()),
    );
  }, 600_000);

  it('while looking at photos', async () => {
    await cancelThenFinish('look', (engine) =>
      onProgress(engine, 'embedding', () => void engine.cancelIndexing()),
    );
  }, 600_000);

  it('while embedding', async () => {
    // The first embedding is held at the gate; the stage is cancelled there, then let go.
    await cancelThenFinish('embed', (engine, release) => {
      let fired = false;
      engine.onEvent((event, payload) => {
        const similar = stageOf((payload as { stages?: IndexStage[] }).stages, 'similar');
        if (event !== 'stagesChanged' || fired || similar?.state !== 'running') return;
        fired = true;
        void engine.cancelIndexing();
        release();
      });
    });
  }, 600_000);
});

interface SwitchableHub {
  host: string;
  /** false: every request is answered 503, as a hub that is down. */
  up: boolean;
  refused: number;
  /** Hold each model file's body after this many bytes until `release()`. */
  holdAfterBytes: number | null;
  release(): void;
  close(): Promise<void>;
}

/** In front of the fake hub: down (503) or up (passed through), and able to hold a download midway. */
async function startSwitchableHub(behind: FakeModelHub): Promise<SwitchableHub> {
  const target = new URL(behind.host);
  let release: () => void = () => undefined;
  let held = new Promise<void>((resolve) => (release = resolve));
  const state: SwitchableHub = {
    host: '',
    up: true,
    refused: 0,
    holdAfterBytes: null,
    release: () => {
      release();
      held = new Promise<void>((resolve) => (release = resolve));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((request, response) => {
    if (!state.up) {
      state.refused++;
      response.writeHead(503).end('Service Unavailable');
      return;
    }
    const passed = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: request.url,
        method: request.method,
        headers: request.headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        const hold = state.holdAfterBytes;
        if (hold === null || !request.url?.includes('/cdn/') || request.method !== 'GET') {
          answer.pipe(response);
          return;
        }
        const gate = held;
        let sent = 0;
        answer.on('data', (chunk: Buffer) => {
          if (sent >= hold) {
            answer.pause();
            void gate.then(() => {
              response.write(chunk);
              answer.resume();
            });
            return;
          }
          sent += chunk.length;
          response.write(chunk);
        });
        answer.on('end', () => void gate.then(() => response.end()));
      },
    );
    request.pipe(passed);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.host = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return state;
}

/** What needs no model is listed: the identical files as one group, and one same-picture group per family. */
async function expectModelFreeGroups(
  engine: Pick<DoppelEngine, 'duplicates'>,
  library: { identical: string[]; families: unknown[] },
): Promise<void> {
  const { groups } = await engine.duplicates({});
  const identical = groups.find((g) => g.kind === 'identical')?.items.map((i) => i.path);
  expect(identical?.sort()).toEqual([...library.identical].sort());
  expect(groups.filter((g) => g.kind === 'same-picture')).toHaveLength(library.families.length);
}
