import { describe, expect, it } from 'vitest';
import type { IndexProgress, IndexStage, Status } from '../../shared/contract/entities';
import { formatProgressLine, formatStatus } from './cli-format';
import { anyStageFailed, formatStageLines, formatUnfinishedStages, runningStage } from './cli-stages';
import { followRunningStage } from './stage-follower';
import { displayWidth } from './terminal-width';

const offline = 'Finding similar shots needs the image model (350 MB): offline, will retry';
const offlineFirstRun: IndexStage[] = [
  { name: 'identical', state: 'done', done: 10_000, total: 10_000, reason: null },
  { name: 'same-picture', state: 'running', done: 3210, total: 10_000, reason: null },
  { name: 'similar', state: 'waiting', done: 0, total: 10_000, reason: offline },
];

const status: Status = {
  images: 10_000,
  model: 'Xenova/clip-vit-base-patch32',
  modelOrigin: 'default',
  storage: 'embedded',
  dataDir: '/data',
  folders: [{ path: '/photos', images: 10_000 }],
  indexing: null,
  lastErrors: [],
  stages: offlineFirstRun,
};

describe('doppel status stages', () => {
  it('prints a line per stage, counts aligned, with the reason of a stage that waits', () => {
    expect(formatStageLines(offlineFirstRun)).toEqual([
      'identical     done      10000/10000',
      'same-picture  running   3210/10000',
      `similar       waiting   0/10000  ${offline}`,
    ]);
    const lines = formatStatus(status).split('\n');
    expect(lines.slice(1, 4)).toEqual(formatStageLines(offlineFirstRun));
    expect(lines[4]).toBe('     10000  /photos');
  });

  it('escapes a reason as it escapes file names (it may quote one)', () => {
    const [line] = formatStageLines([
      {
        name: 'similar',
        state: 'failed',
        done: 0,
        total: 1,
        reason: 'The model in /m/\x1b[2J cannot be loaded',
      },
    ]);
    expect(line).toBe('similar       failed    0/1  The model in /m/\\x1b[2J cannot be loaded');
  });

  it('prints no stage line for an engine that reports none', () => {
    const old: Status = { ...status, stages: undefined };
    expect(formatStatus(old).split('\n')[1]).toBe('     10000  /photos');
  });
});

describe('doppel index stages', () => {
  const embedding: IndexProgress = {
    phase: 'embedding',
    done: 120,
    total: 10_000,
    photosPerSecond: 3.5,
    etaSeconds: 2800,
    currentFile: '/photos/2024/IMG_0120.jpg',
  };

  it('names the stage the run is in on the progress line, which still fits the terminal', () => {
    const line = formatProgressLine(embedding, null, 'same-picture');
    expect(line.startsWith('same-picture: [')).toBe(true);
    expect(line).toContain('120/10000 3.5 photos/s ETA 2800s');
    for (const columns of [79, 39]) {
      const fitted = formatProgressLine(embedding, columns, 'same-picture');
      expect(fitted.startsWith('same-picture: ')).toBe(true);
      expect(displayWidth(fitted)).toBeLessThanOrEqual(columns);
    }
    expect(formatProgressLine({ ...embedding, phase: 'pairing' }, null, 'similar')).toBe(
      'similar: Finding pairs 120/10000',
    );
    expect(formatProgressLine(embedding, null, null).startsWith('[')).toBe(true);
  });

  it('takes the running stage from the status', () => {
    expect(runningStage(offlineFirstRun)).toBe('same-picture');
    expect(runningStage([])).toBeNull();
  });

  it('says at the end which stage waits and why, what is listed already, and that it resumes by itself', () => {
    const finished = offlineFirstRun.map((stage) =>
      stage.name === 'same-picture' ? { ...stage, state: 'done' as const, done: 10_000 } : stage,
    );
    expect(formatUnfinishedStages(finished)).toBe(
      [
        `Similar shots are waiting: ${offline}. It finishes by itself the next time Doppel runs (doppel index, doppel serve or the app).`,
        'Listed already (doppel duplicates): identical files, same-picture copies.',
      ].join('\n'),
    );
    expect(anyStageFailed(finished)).toBe(false);
    expect(
      formatUnfinishedStages(finished.map((stage) => ({ ...stage, state: 'done' as const }))),
    ).toBeNull();
  });

  it('counts a failed stage as a failure (exit 1) and says so', () => {
    const failed: IndexStage[] = [
      { name: 'identical', state: 'done', done: 2, total: 2, reason: null },
      { name: 'similar', state: 'failed', done: 0, total: 2, reason: 'The image model cannot be loaded.' },
    ];
    expect(anyStageFailed(failed)).toBe(true);
    expect(formatUnfinishedStages(failed)?.split('\n')[0]).toBe(
      'Similar shots failed: The image model cannot be loaded.',
    );
  });
});

describe('followRunningStage', () => {
  it('asks for the stages at most once per interval and never twice at a time', async () => {
    let clock = 0;
    let asked = 0;
    let answer: (stages: IndexStage[]) => void = () => {};
    const follower = followRunningStage(
      () => {
        asked++;
        return new Promise<IndexStage[]>((resolve) => (answer = resolve));
      },
      1000,
      () => clock,
    );
    expect(follower.current()).toBeNull();
    follower.poke();
    follower.poke();
    expect(asked).toBe(1);
    clock = 5000;
    follower.poke(); // still answering
    expect(asked).toBe(1);
    answer(offlineFirstRun);
    await Promise.resolve();
    await Promise.resolve();
    expect(follower.current()).toBe('same-picture');
    clock = 5500;
    follower.poke(); // the last ask began at 0: this one may go
    expect(asked).toBe(2);
    answer(offlineFirstRun);
    await Promise.resolve();
    await Promise.resolve();
    clock = 6000;
    follower.poke(); // answered, but within a second of the ask at 5500
    expect(asked).toBe(2);
    clock = 6500;
    follower.poke();
    expect(asked).toBe(3);
  });
});
