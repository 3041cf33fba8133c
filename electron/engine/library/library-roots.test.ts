import { mkdir, mkdtemp, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_FOUND, findLibraryFolder, isSameOrInside, planLibraryRoots } from './library-roots';

describe('planLibraryRoots', () => {
  let work: string;
  beforeAll(async () => {
    work = await realpath(await mkdtemp(join(tmpdir(), 'doppel-roots-')));
    for (const dir of ['lib/2024', 'card', 'other']) await mkdir(join(work, dir), { recursive: true });
    await symlink(join(work, 'lib'), join(work, 'alias'));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('rescans library folders, adds new ones by their real name, reports missing ones', () => {
    const lib = join(work, 'lib');
    const gone = join(work, 'unplugged');
    const plan = planLibraryRoots([lib, gone, join(work, 'other')], [lib, gone]);
    expect(plan.roots).toEqual([lib, join(work, 'other')]);
    expect(plan.added).toEqual([join(work, 'other')]);
    expect(plan.errors).toEqual([{ path: gone, error: NOT_FOUND }]);
  });

  it('refuses another name for a library folder or a folder inside one', () => {
    const lib = join(work, 'lib');
    const plan = planLibraryRoots(
      [join(work, 'alias'), join(work, 'alias', '2024'), join(lib, '2024')],
      [lib],
    );
    expect(plan.roots).toEqual([]);
    expect(plan.errors.map((e) => e.error)).toEqual([
      `${join(work, 'alias')} is already in the library (inside ${lib})`,
      `${join(work, 'alias', '2024')} is already in the library (inside ${lib})`,
      `${join(lib, '2024')} is already in the library (inside ${lib})`,
    ]);
  });

  it('lets a new parent absorb the library folders inside it', () => {
    const plan = planLibraryRoots([work], [join(work, 'lib'), join(work, 'card')]);
    expect(plan.roots).toEqual([work]);
    expect(plan.absorbed).toEqual([join(work, 'lib'), join(work, 'card')]);
  });

  it('for the watcher and re-embeds: never adds, skips removed folders, reports missing ones', () => {
    const lib = join(work, 'lib');
    const gone = join(work, 'unplugged');
    const plan = planLibraryRoots([lib, gone, join(work, 'card')], [lib, gone], true);
    expect(plan.roots).toEqual([lib]);
    expect(plan.added).toEqual([]);
    expect(plan.errors).toEqual([{ path: gone, error: NOT_FOUND }]);
  });

  it('refuses a new folder the caller rules out, by its real name', () => {
    const seen: string[] = [];
    const plan = planLibraryRoots([join(work, 'alias'), join(work, 'other')], [], false, (root) => {
      seen.push(root);
      return root === join(work, 'lib') ? `${join(work, 'alias')} is not for photos` : null;
    });
    expect(seen).toEqual([join(work, 'lib'), join(work, 'other')]);
    expect(plan.roots).toEqual([join(work, 'other')]);
    expect(plan.errors).toEqual([
      { path: join(work, 'alias'), error: `${join(work, 'alias')} is not for photos` },
    ]);
  });

  it('finds a library folder by its name or its real name, never by a folder inside or around it', () => {
    const lib = join(work, 'lib');
    expect(findLibraryFolder(lib, [lib])).toBe(lib);
    expect(findLibraryFolder(join(work, 'alias'), [lib])).toBe(lib);
    expect(findLibraryFolder(join(lib, '2024'), [lib])).toBeNull();
    expect(findLibraryFolder(work, [lib])).toBeNull();
    expect(findLibraryFolder('/', [lib])).toBeNull();
    expect(findLibraryFolder(join(work, 'unplugged'), [join(work, 'unplugged')])).toBe(
      join(work, 'unplugged'),
    );
  });

  it('compares names NFC-normalised and by whole folder names', () => {
    expect(isSameOrInside('/Photos/Cafe\u0301/x', '/Photos/Caf\u00e9')).toBe(true);
    expect(isSameOrInside('/photos-old/x', '/photos')).toBe(false);
  });
});
