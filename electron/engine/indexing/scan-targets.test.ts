import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanTargets } from './scan-targets';

describe('scan targets', () => {
  let work: string;
  let library: string;

  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-targets-'));
    library = join(work, 'Photos');
    await mkdir(join(library, 'a', 'deep'), { recursive: true });
    await mkdir(join(library, 'b'), { recursive: true });
  });

  afterEach(() => rm(work, { recursive: true, force: true }));

  it('walks whole library folders unless changed subtrees inside them are given', async () => {
    const second = join(work, 'More');
    expect(await scanTargets([library, second])).toEqual([
      { dir: library, folder: library },
      { dir: second, folder: second },
    ]);
    expect(await scanTargets([library, second], [join(library, 'a', 'deep'), join(library, 'b')])).toEqual([
      { dir: join(library, 'a', 'deep'), folder: library },
      { dir: join(library, 'b'), folder: library },
      { dir: second, folder: second },
    ]);
    expect(await scanTargets([library], [join(library, 'a', 'deep'), library])).toEqual([
      { dir: library, folder: library },
    ]);
  });

  it('replaces a vanished subtree by its nearest existing parent, and keeps a vanished library folder', async () => {
    expect(
      await scanTargets([library], [join(library, 'a', 'gone', 'deeper'), join(library, 'a', 'deep')]),
    ).toEqual([{ dir: join(library, 'a'), folder: library }]);
    expect(await scanTargets([library], [join(library, 'gone')])).toEqual([
      { dir: library, folder: library },
    ]);
    await rm(library, { recursive: true });
    expect(await scanTargets([library], [join(library, 'a')])).toEqual([{ dir: library, folder: library }]);
  });
});
