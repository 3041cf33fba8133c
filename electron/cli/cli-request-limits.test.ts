import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requestLimits } from '../../shared/contract/methods';
import { runCli } from './run-cli';

describe('CLI request limits', () => {
  it('says in one line that index takes at most so many folders, instead of a schema dump', async () => {
    const work = await mkdtemp(join(tmpdir(), 'doppel-cli-limits-'));
    let stderr = '';
    const folders = Array.from({ length: requestLimits.indexFolders + 1 }, (_, i) => `/photos/${i}`);
    const args = ['index', '--data-dir', join(work, 'data'), '--model', 'none', ...folders];
    const code = await runCli(args, {
      stdout: () => undefined,
      stderr: (text) => (stderr += text),
      interactive: false,
    });
    await rm(work, { recursive: true, force: true });
    expect(code).toBe(2);
    expect(stderr).toBe(
      `doppel: index takes at most ${requestLimits.indexFolders} folders at once (index their parent folder, or run it in batches). Run doppel --help for usage.\n`,
    );
  });
});
