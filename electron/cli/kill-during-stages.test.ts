import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TINY_MODEL_DIR } from '../engine/testing/library-fixture';
import { libraryProblems, pairDifferences } from '../engine/testing/faults/library-snapshot';
import { readEmbeddedSnapshot } from '../engine/testing/faults/read-snapshot';
import { makeSmallLibrary } from '../engine/testing/faults/small-library';
import { CLI_ENTRY, runDoppel } from './testing/run-doppel';

/** A progress line with work done: "[##..] 8/125". */
const WORK_DONE = /\] [1-9]\d*\/\d+/;

/**
 * A real `doppel` run, SIGKILLed `delayMs` after it first prints progress with work done (a stored batch),
 * unless it ends first. Whether it was killed.
 */
function killAfterFirstBatch(args: string[], delayMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI_ENTRY, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let killed = false;
    let timer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (WORK_DONE.test(stderr))
        timer ??= setTimeout(() => {
          killed = child.exitCode === null && child.signalCode === null && child.kill('SIGKILL');
        }, delayMs);
    });
    child.on('close', () => {
      clearTimeout(timer);
      resolve(killed);
    });
  });
}

let work: string;
let files: string[];
let library: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'doppel-kill-stages-'));
  library = join(work, 'Photos');
  files = await makeSmallLibrary(library, 60);
});
afterAll(() => rm(work, { recursive: true, force: true }));

/**
 * The look stage alone (`--model none`), then the embed stage alone (the model added later: every vector
 * comes from the store's rows, decoded again), each killed mid-stage several times and resumed: the
 * library ends exactly as the same two runs left it uninterrupted.
 */
it('survives kill -9 during the look stage and during the embed stage; the resumed library equals an uninterrupted one', async () => {
  const look = (dataDir: string) => ['index', library, '--data-dir', dataDir, '--model', 'none'];
  const embed = (dataDir: string) => ['index', library, '--data-dir', dataDir, '--model', TINY_MODEL_DIR];
  const reference = join(work, 'reference');
  for (const args of [look(reference), embed(reference)]) {
    const run = await runDoppel(args);
    expect(run.code, run.stderr).toBe(0);
  }

  const dataDir = join(work, 'killed');
  const kills = { look: 0, embed: 0 };
  for (const [stage, args] of [
    ['look', look(dataDir)],
    ['embed', embed(dataDir)],
  ] as const) {
    for (const delayMs of [0, 150, 400]) if (await killAfterFirstBatch(args, delayMs)) kills[stage]++;
    const resumed = await runDoppel([...args, '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout).errors).toEqual([]);
  }
  console.info(
    `doppel kill -9 during stages: ${kills.look} kills while looking, ${kills.embed} while embedding`,
  );
  expect(kills.look).toBeGreaterThan(0);
  expect(kills.embed).toBeGreaterThan(0);

  const expected = await readEmbeddedSnapshot(reference);
  const actual = await readEmbeddedSnapshot(dataDir);
  expect(await libraryProblems(expected, files)).toEqual([]);
  expect(await libraryProblems(actual, files)).toEqual([]);
  expect(Object.keys(expected.pairs).length).toBeGreaterThan(0);
  expect(expected.pixelPairs.length).toBeGreaterThan(0);
  expect(pairDifferences(actual, expected)).toEqual([]);
  expect(actual.photos).toEqual(expected.photos);
}, 900_000);
