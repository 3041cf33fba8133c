import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_MODEL_DIR } from '../engine/testing/library-fixture';
import { photoLikePixels, rawImage, writeImage } from '../engine/testing/photo-fixtures';
import { runCli, type CliIo } from './run-cli';
import { displayWidth } from './terminal-width';

/** What `doppel index` writes to stderr on a terminal `columns` wide (or to a log when columns is null). */
async function indexStderr(folder: string, dataDir: string, columns: number | null): Promise<string> {
  let stderr = '';
  const io: CliIo = {
    stdout: () => undefined,
    stderr: (text) => void (stderr += text),
    interactive: columns !== null,
    columns: () => columns ?? undefined,
  };
  const code = await runCli(['index', folder, '--data-dir', dataDir, '--model', TINY_MODEL_DIR], io);
  expect(code).toBe(0);
  return stderr;
}

describe('doppel index progress', () => {
  let work: string;
  let folder: string;
  const longName = `${'Holidays in the mountains with the whole family '.repeat(3)}写真 IMG_0001.jpg`;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-progress-'));
    folder = join(work, 'A folder with a rather long name, as people have them');
    for (let i = 0; i < 3; i++) {
      await writeImage(join(folder, `${i}-${longName}`), rawImage(photoLikePixels(500 + i)).jpeg());
    }
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  for (const columns of [80, 40]) {
    it(`never draws a line wider than a ${columns}-column terminal`, async () => {
      const stderr = await indexStderr(folder, join(work, `data-${columns}`), columns);
      expect(stderr.startsWith('\r\x1b[2K')).toBe(true);
      const lines = stderr
        .split('\r\x1b[2K')
        .flatMap((chunk) => chunk.split('\n'))
        .filter((line) => line.length > 0);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(displayWidth(line), line).toBeLessThan(columns);
      if (columns === 80) {
        const withFile = lines.filter((line) => line.includes('…') && line.endsWith('IMG_0001.jpg'));
        expect(withFile.length, 'the file name survives the cut').toBeGreaterThan(0);
      }
    });
  }

  it('prints whole plain lines, without redraws, when stderr is not a terminal', async () => {
    const stderr = await indexStderr(folder, join(work, 'data-log'), null);
    expect(stderr).not.toContain('\r');
    expect(stderr).not.toContain('\x1b');
    expect(stderr.split('\n').some((line) => line.endsWith(longName))).toBe(true);
  });
});
