import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../user-error';
import { openDatabase } from './database';

describe('the embedded database on Windows', () => {
  it('is refused in words, as a UserError, before chdb is touched', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'doppel-win32-'));
    try {
      const opening = openDatabase({ kind: 'embedded', path: join(dir, 'clickhouse') }, 'win32');
      await expect(opening).rejects.toBeInstanceOf(UserError);
      await expect(opening).rejects.toMatchObject({
        code: 'embedded-unavailable',
        message: expect.stringMatching(
          /^The embedded database is not available on Windows.*--clickhouse-url/,
        ),
      });
      expect(await readdir(dir)).toEqual([]); // nothing was created
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(process.platform === 'win32')(
    'still opens where chdb has a build (not on Windows: none there)',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'doppel-embedded-'));
      try {
        const db = await openDatabase({ kind: 'embedded', path: join(dir, 'clickhouse') }, process.platform);
        expect(db.kind).toBe('embedded');
        await db.close();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
