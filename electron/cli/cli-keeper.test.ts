import { copyFile, mkdir, mkdtemp, realpath, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../shared/duplicates/group-export';
import { photoLikePixels, rawImage, writeImage } from '../engine/testing/photo-fixtures';
import { runCli } from './run-cli';

/** Protected folders, keeper rules and the export from the command line (in process, no model). */
describe('doppel protect, --keeper-rule and --format', () => {
  let work: string;
  let common: string[];
  let lib: string;
  let archive: string;
  const paths: Record<'original' | 'copy' | 'hostile' | 'archived', string> = {
    original: '',
    copy: '',
    hostile: '',
    archived: '',
  };

  async function doppel(...args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli([...args, ...common], {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      interactive: false,
    });
    return { code, stdout, stderr };
  }

  beforeAll(async () => {
    work = await realpath(await mkdtemp(join(tmpdir(), 'doppel-cli-keeper-')));
    lib = join(work, 'Photos');
    archive = join(work, 'Archive');
    common = ['--data-dir', join(work, 'data'), '--model', 'none'];
    paths.original = join(lib, 'IMG_0001.jpg');
    paths.copy = join(lib, 'IMG_0001 copy.jpg');
    paths.hostile = join(lib, '=HYPERLINK("x"),1.jpg');
    paths.archived = join(archive, 'from the card', 'IMG_0001.jpg');
    await writeImage(paths.original, rawImage(photoLikePixels(3)).jpeg({ quality: 85 }));
    await mkdir(join(archive, 'from the card'), { recursive: true });
    for (const copy of [paths.copy, paths.hostile, paths.archived]) await copyFile(paths.original, copy);
    // The copy is the oldest file: the default rule (no capture date, so the file time) keeps it.
    const old = new Date(Date.UTC(2001, 0, 1));
    await utimes(paths.copy, old, old);
    expect((await doppel('index', lib, archive)).code).toBe(0);
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  const keeperWith = async (...args: string[]) =>
    JSON.parse((await doppel('duplicates', '--json', ...args)).stdout).groups[0].keeper as string;

  it('orders the keeper criteria from --keeper-rule, without touching the saved rule', async () => {
    expect(await keeperWith()).toBe(paths.copy);
    expect(await keeperWith('--keeper-rule', 'original,date')).toBe(paths.original);
    expect(await keeperWith('--keeper-rule', 'folder', '--keeper-folder', archive)).toBe(paths.archived);
    expect(await keeperWith()).toBe(paths.copy);
  });

  it('refuses an unknown criterion, one named twice, and folder without its folder', async () => {
    for (const args of [
      ['--keeper-rule', 'pixels,sharpness'],
      ['--keeper-rule', 'heic,jpeg'],
      ['--keeper-rule', 'folder'],
      ['--format', 'xml'],
    ]) {
      const run = await doppel('duplicates', ...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('protects a folder: status says so, and its photo is the keeper whatever the rule', async () => {
    const refused = await doppel('protect', join(archive, 'from the card'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is not a library folder; nothing was protected/);
    const done = await doppel('protect', archive);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^Protected .*Archive: its photos are never trashed/);
    expect((await doppel('status')).stdout).toMatch(/Archive {2}\(protected\)/);
    const status = JSON.parse((await doppel('status', '--json')).stdout);
    expect(status.folders.map((f: { protected: boolean }) => f.protected)).toEqual([true, false]);
    // The protected folder's photo wins over any rule.
    expect(await keeperWith()).toBe(paths.archived);
    expect(await keeperWith('--keeper-rule', 'original,date')).toBe(paths.archived);
  });

  it('writes the groups as CSV, formula-safe, and as JSON, with --json the same as --format json', async () => {
    const csv = (await doppel('duplicates', '--format', 'csv')).stdout;
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(1 + 4 + 1); // header, four photos, the final line end
    expect(lines[1]).toContain(`,keeper,${paths.archived},`);
    expect(lines[1]).toContain(',yes,');
    expect(lines[1]).toContain('Keeper: in protected folder Archive');
    // A name that a spreadsheet would run as a formula stays text; its quotes and comma are quoted.
    expect(csv).toContain(`,"'=HYPERLINK(""x""),1.jpg",`);
    const asFormat = (await doppel('duplicates', '--format', 'json')).stdout;
    expect((await doppel('duplicates', '--json')).stdout).toBe(asFormat);
    const [group] = JSON.parse(asFormat).groups;
    expect(group.items).toHaveLength(4);
    expect(group.items[0]).toMatchObject({
      path: paths.archived,
      keeper: true,
      protected: true,
      distance: 0,
    });
    expect(group.items[1]).toMatchObject({ size: expect.any(Number), width: 640, height: 480 });
    expect(group.copies[0].keeper).toBe(paths.archived);
  });

  it('says in the text listing why each keeper, as the UI does under the keeper', async () => {
    const text = (await doppel('duplicates')).stdout;
    expect(text).toContain(`[identical] keep ${paths.archived}  (in protected folder Archive)`);
  });

  it('unprotects: the rule decides again', async () => {
    expect((await doppel('unprotect', archive)).stdout).toMatch(/Archive is no longer protected\./);
    expect(await keeperWith()).toBe(paths.copy);
    expect((await doppel('duplicates')).stdout).toContain(`keep ${paths.copy}  (oldest file)`);
  });
});
