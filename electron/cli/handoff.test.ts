import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePlantedLibrary, TINY_MODEL_DIR, type PlantedLibrary } from '../engine/testing/library-fixture';
import { photoLikePixels, rawImage, writeImage } from '../engine/testing/photo-fixtures';
import { CLI_ENTRY, runDoppel, type CliRun } from './testing/run-doppel';

/** `doppel serve` as a user starts it, a real process; resolves once it prints where it runs. */
async function startServe(dataDir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLI_ENTRY, 'serve', '--data-dir', dataDir, '--port', '0', '--model', TINY_MODEL_DIR],
    { env: { ...process.env, DOPPEL_WATCH: '0' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Doppel is running at')) resolve();
    });
    child.once('close', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  return child;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('close', () => resolve());
    child.kill('SIGTERM');
  });
}

/** `doppel index` as a real process that gets Ctrl-C (SIGINT) once it shows progress past the first photos. */
function indexInterrupted(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI_ENTRY, 'index', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // Once: a second Ctrl-C stops the CLI itself, as it would a local run.
      if (interrupted || !/\] [1-9]\d*\//.test(stderr)) return;
      interrupted = true;
      child.kill('SIGINT');
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The one thing two runs of the same command may differ in: how long it took. */
function withoutTimings(text: string): string {
  return text.replace(/"seconds": [\d.e-]+/g, '"seconds": 0').replace(/ in [\d.]+ s:/g, ' in 0 s:');
}

// A bar, after the stage it is in when the CLI knows it (`same-picture: [####....] 12/30 …`).
const PROGRESS_LINE = /^(?:[a-z-]+: )?\[[#.]{24}\] \d+\/\d+ /m;
const HANDED = /^Handed to the running Doppel \(serve, pid (\d+)\)$/m;

/**
 * The CLI beside a running `serve` on the same data folder: its commands run in serve, through serve's API,
 * and print what the same command prints when it runs the engine itself (compared after serve stops).
 */
describe('the CLI while serve holds the data folder', () => {
  let work: string;
  let library: PlantedLibrary;
  let serve: ChildProcess | undefined;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-handoff-'));
    library = await makePlantedLibrary(join(work, 'Photos'), 3);
    await writeImage(join(work, 'query.jpg'), rawImage(photoLikePixels(7919)).jpeg({ quality: 50 }));
  });
  afterAll(async () => {
    if (serve) await stop(serve);
    await rm(work, { recursive: true, force: true });
  });

  it('Ctrl-C in a handed-over index cancels the run in serve', async () => {
    const big = join(work, 'Big');
    for (let i = 0; i < 80; i++)
      await writeImage(join(big, `p${i}.jpg`), rawImage(photoLikePixels(20_000 + i), 640, 480).jpeg());
    const dataDir = join(work, 'cancelled');
    serve = await startServe(dataDir);
    try {
      const run = await indexInterrupted([big, '--data-dir', dataDir]);
      expect(run.stderr).toMatch(HANDED);
      expect(run.code).toBe(0);
      const done = /^Cancelled in [\d.]+ s: (\d+) indexed/.exec(run.stdout);
      expect(done, run.stdout).not.toBeNull();
      expect(Number(done![1])).toBeLessThan(80);
    } finally {
      await stop(serve);
    }
  }, 240_000);

  it('hands index, status, duplicates and search to serve and prints what a local run prints', async () => {
    const served = join(work, 'served');
    const local = join(work, 'local');
    const options = (dataDir: string) => ['--data-dir', dataDir, '--model', TINY_MODEL_DIR];
    serve = await startServe(served);

    // A relative folder and query photo, from the user's working folder (not serve's): the CLI makes them absolute.
    const run = (args: string[]) => runDoppel(args, {}, { cwd: work });
    const handed: Record<string, CliRun> = {
      index: await run(['index', 'Photos', ...options(served)]),
      status: await run(['status', ...options(served)]),
      statusJson: await run(['status', '--json', ...options(served)]),
      duplicates: await run(['duplicates', ...options(served)]),
      duplicatesJson: await run(['duplicates', '--json', ...options(served)]),
      search: await run(['search', 'query.jpg', '--limit', '4', ...options(served)]),
    };
    for (const [name, result] of Object.entries(handed)) {
      expect(result.code, `${name}: ${result.stderr}`).toBe(0);
      expect(HANDED.exec(result.stderr)?.[1], name).toBe(String(serve.pid));
    }
    // Progress followed serve's events, as a local run shows its own.
    expect(handed.index!.stderr).toMatch(PROGRESS_LINE);
    expect(JSON.parse(handed.statusJson!.stdout)).toMatchObject({
      images: expect.any(Number),
      dataDir: served,
      folders: [{ path: library.root }],
    });
    expect(JSON.parse(handed.duplicatesJson!.stdout).groups.length).toBeGreaterThan(0);
    expect(handed.search!.stdout).toContain(library.families[0]!.original);

    await stop(serve);
    // The same commands run locally: on the folder serve indexed, and a fresh index of the same library.
    const ran: Record<string, CliRun> = {
      index: await run(['index', 'Photos', ...options(local)]),
      status: await run(['status', ...options(served)]),
      statusJson: await run(['status', '--json', ...options(served)]),
      duplicates: await run(['duplicates', ...options(served)]),
      duplicatesJson: await run(['duplicates', '--json', ...options(served)]),
      search: await run(['search', 'query.jpg', '--limit', '4', ...options(served)]),
    };
    expect(ran.index!.stderr).toMatch(PROGRESS_LINE);
    for (const name of Object.keys(handed)) {
      expect(ran[name]!.code, name).toBe(0);
      expect(ran[name]!.stderr).not.toMatch(HANDED);
      expect(withoutTimings(handed[name]!.stdout), name).toBe(withoutTimings(ran[name]!.stdout));
    }
  }, 480_000); // a dozen real CLI processes and a serve, beside other suites on two cores
});
