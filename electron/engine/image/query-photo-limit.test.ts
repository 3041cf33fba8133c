import { execFileSync } from 'node:child_process';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegularFile } from '../platform/safe-file';
import { pngHeaderOnly } from '../testing/library-fixture';
import { checkQueryPhoto } from './query-photo-limit';

describe.skipIf(process.platform === 'win32')('the query photo size check', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-query-check-'));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('reads the opened file, not the path: a FIFO swapped in after the open neither hangs nor passes', async () => {
    const photo = join(work, 'query.png');
    await writeFile(photo, pngHeaderOnly(10_000, 8_000));
    const file = await openRegularFile(photo);
    try {
      // The path now names a FIFO: reading it by name would wait for a writer forever.
      const fifo = join(work, 'pipe');
      execFileSync('mkfifo', [fifo]);
      await rename(fifo, photo);
      await expect(checkQueryPhoto(file)).rejects.toThrow('(80 megapixels)');
    } finally {
      await file.close();
    }
  });
});
