import { writeFileSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_MODEL_DIR } from '../engine/testing/library-fixture';
import { photoLikePixels, rawImage, writeImage } from '../engine/testing/photo-fixtures';
import { runDoppel } from './testing/run-doppel';

/** Names a hostile library can hold: an escape sequence that turns the terminal red, and a newline. */
const EVIL = 'evil\x1b[31mred\nline.jpg';
const SHOWN = 'evil\\x1b[31mred\\x0aline.jpg';

describe('CLI text output of hostile file names', () => {
  let work: string;
  let library: string;
  let common: string[];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-cli-names-'));
    library = join(work, 'Photos\x1b[2J');
    await writeImage(join(library, EVIL), rawImage(photoLikePixels(11)).jpeg({ quality: 85 }));
    await copyFile(join(library, EVIL), join(library, 'copy.jpg')); // an identical copy: a duplicate group
    await writeFile(join(library, 'broken\x1b]0;owned\x07.jpg'), 'not an image');
    // Linux names are any bytes: one that is not UTF-8 is reported, not skipped without a word.
    if (process.platform === 'linux')
      writeFileSync(
        Buffer.concat([Buffer.from(`${library}/`), Buffer.from([0xff, 0xfe]), Buffer.from('.jpg')]),
        'x',
      );
    common = ['--data-dir', join(work, 'data'), '--model', TINY_MODEL_DIR];
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  /** Nothing a terminal obeys, and every entry on a line of its own. */
  function expectInert(text: string): void {
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
    expect(text.split('\n').filter((line) => line.startsWith('line.jpg'))).toEqual([]);
  }

  it('escapes control characters in index, duplicates, search and status, reports names not UTF-8; JSON is exact', async () => {
    const index = await runDoppel(['index', library, ...common]);
    expect(index.code).toBe(0);
    expectInert(index.stdout);
    expectInert(index.stderr);
    expect(index.stdout).toContain(`${join(work, 'Photos\\x1b[2J', 'broken\\x1b]0;owned\\x07.jpg')}: `);
    if (process.platform === 'linux')
      expect(index.stdout).toContain(
        `${join(work, 'Photos\\x1b[2J', '\\xff\\xfe.jpg')}: has a file name that is not valid text (UTF-8): rename it to index it`,
      );

    const duplicates = await runDoppel(['duplicates', ...common]);
    expectInert(duplicates.stdout);
    expect(duplicates.stdout.split('\n').filter((line) => line.includes(SHOWN))).toHaveLength(1);

    const search = await runDoppel(['search', join(library, 'copy.jpg'), '--limit', '2', ...common]);
    expect(search.code).toBe(0);
    expectInert(search.stdout);
    expect(search.stdout.split('\n').filter((line) => line.endsWith(SHOWN))).toHaveLength(1);

    const status = await runDoppel(['status', ...common]);
    expectInert(status.stdout);
    expect(status.stdout).toContain(join(work, 'Photos\\x1b[2J'));

    const json = JSON.parse((await runDoppel(['duplicates', '--json', ...common])).stdout);
    expect(
      json.groups.flatMap((group: { items: { path: string }[] }) => group.items.map((i) => i.path)),
    ).toContain(join(library, EVIL));
  });
});
