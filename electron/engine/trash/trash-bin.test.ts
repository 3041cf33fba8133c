import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  realpath,
  rm,
  stat,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  escapeTrashPath,
  freedesktopTrashBin,
  loadTrashPackage,
  macTrashError,
  mountTop,
  systemTrashBin,
  trashKindFor,
  type TrashPackage,
} from './trash-bin';

/** tmpfs at /dev/shm is a second file system on most Linux boxes: the per-drive trash needs one. */
const SHM = '/dev/shm';
const secondFileSystem =
  process.platform === 'linux' && existsSync(SHM) && statSync(SHM).dev !== statSync(tmpdir()).dev;
const uid = process.getuid?.() ?? 0;

describe('freedesktop trash', () => {
  let home: string;
  let other: string | null = null;
  const dataHome = () => join(home, 'share');

  beforeEach(async () => {
    home = await realpath(await mkdtemp(join(tmpdir(), 'doppel-trash-home-')));
    other = secondFileSystem ? await mkdtemp(join(SHM, 'doppel-trash-drive-')) : null;
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
    if (other) await rm(other, { recursive: true, force: true });
  });

  const infoOf = async (trash: string) => {
    const [name] = await readdir(join(trash, 'info'));
    return { name: name!, text: await readFile(join(trash, 'info', name!), 'utf8') };
  };

  it('moves a file on the home drive to the home trash with a spec .trashinfo', async () => {
    const photo = join(home, 'Photos', 'a b#?%ü 写真.jpg');
    await mkdir(join(home, 'Photos'));
    await writeFile(photo, 'pixels');
    await freedesktopTrashBin({ dataHome: dataHome(), uid }).moveToTrash(photo);
    const trash = join(dataHome(), 'Trash');
    expect(existsSync(photo)).toBe(false);
    expect(await readFile(join(trash, 'files', 'a b#?%ü 写真.jpg'), 'utf8')).toBe('pixels');
    const info = await infoOf(trash);
    expect(info.name).toBe('a b#?%ü 写真.jpg.trashinfo');
    const lines = info.text.split('\n');
    expect(lines[0]).toBe('[Trash Info]');
    expect(lines[1]).toBe(`Path=${escapeTrashPath(photo)}`);
    expect(lines[1]).toContain('a%20b%23%3F%25%C3%BC%20%E5%86%99%E7%9C%9F.jpg');
    expect(decodeURIComponent(lines[1]!.slice(5))).toBe(photo);
    expect(lines[2]).toMatch(/^DeletionDate=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  it('keeps both when two trashed files share a name', async () => {
    const trashBin = freedesktopTrashBin({ dataHome: dataHome(), uid });
    for (const dir of ['one', 'two']) {
      await mkdir(join(home, dir));
      await writeFile(join(home, dir, 'IMG_1.jpg'), dir);
      await trashBin.moveToTrash(join(home, dir, 'IMG_1.jpg'));
    }
    const files = await readdir(join(dataHome(), 'Trash', 'files'));
    const infos = await readdir(join(dataHome(), 'Trash', 'info'));
    expect(files).toHaveLength(2);
    expect(infos.sort()).toEqual(files.map((f) => `${f}.trashinfo`).sort());
  });

  it.skipIf(!secondFileSystem)(
    'uses the trash of the drive the file is on (needs a second file system)',
    async () => {
      await mkdir(join(other!, 'DCIM'));
      const photo = join(other!, 'DCIM', 'IMG 2.jpg');
      await writeFile(photo, 'pixels');
      await freedesktopTrashBin({ dataHome: dataHome(), uid, mountTopOf: async () => other! }).moveToTrash(
        photo,
      );
      const trash = join(other!, `.Trash-${uid}`);
      expect(await readFile(join(trash, 'files', 'IMG 2.jpg'), 'utf8')).toBe('pixels');
      expect((await infoOf(trash)).text).toContain('Path=DCIM/IMG%202.jpg\n');
      expect(existsSync(join(dataHome(), 'Trash'))).toBe(false);
      expect(await mountTop(join(other!, 'DCIM'))).toBe(SHM);
    },
  );

  it.skipIf(!secondFileSystem)(
    "falls back to a copy in the home trash, keeping the photo's time (needs a second file system)",
    async () => {
      const photo = join(other!, 'IMG_3.jpg');
      await writeFile(photo, 'pixels');
      const taken = new Date('2001-02-03T04:05:06Z');
      await utimes(photo, taken, taken);
      const blocked = join(other!, 'not-a-folder');
      await writeFile(blocked, ''); // the drive's trash cannot be made under a file
      await freedesktopTrashBin({ dataHome: dataHome(), uid, mountTopOf: async () => blocked }).moveToTrash(
        photo,
      );
      const trash = join(dataHome(), 'Trash');
      expect(existsSync(photo)).toBe(false);
      expect((await stat(join(trash, 'files', 'IMG_3.jpg'))).mtime.getTime()).toBe(taken.getTime());
      expect((await infoOf(trash)).text).toContain(`Path=${escapeTrashPath(photo)}\n`);
    },
  );

  it.skipIf(!secondFileSystem)(
    'leaves no .trashinfo behind when the move fails (needs a second file system)',
    async () => {
      const folder = join(other!, 'a folder.jpg'); // a folder cannot be copied across drives by copyFile
      await mkdir(folder);
      await expect(
        freedesktopTrashBin({
          dataHome: dataHome(),
          uid,
          mountTopOf: async () => join(other!, 'nope', 'x'),
        }).moveToTrash(folder),
      ).rejects.toThrow();
      expect(existsSync(folder)).toBe(true);
      expect(await readdir(join(dataHome(), 'Trash', 'info'))).toEqual([]);
      expect(await readdir(join(dataHome(), 'Trash', 'files'))).toEqual([]);
    },
  );
});

describe('macOS trash errors', () => {
  it('tells the photographer what to do when ~/.Trash is out of reach', () => {
    const denied = Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' });
    expect((macTrashError(denied) as Error).message).toBe(
      "Doppel can't reach the Trash; set DOPPEL_TRASH_DIR or use the desktop app",
    );
    const other = Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    expect(macTrashError(other)).toBe(other);
  });
});

describe('which trash serve and the CLI use', () => {
  it('uses the OS trash (the trash package) on macOS and Windows, the freedesktop trash on Linux', () => {
    expect(trashKindFor('darwin', undefined)).toBe('system');
    expect(trashKindFor('win32', undefined)).toBe('system');
    expect(trashKindFor('linux', undefined)).toBe('freedesktop');
    expect(trashKindFor('freebsd', undefined)).toBe('freedesktop');
  });

  it('sends everything to DOPPEL_TRASH_DIR when it is set, on every platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const)
      expect(trashKindFor(platform, '/review')).toBe('folder');
    expect(trashKindFor('darwin', '')).toBe('system');
  });
});

describe('the system trash (macOS, Windows)', () => {
  let work: string;
  beforeEach(async () => {
    work = await realpath(await mkdtemp(join(tmpdir(), 'doppel-system-trash-')));
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  /** Stands in for the OS helper: records what it was asked and moves the file away as the Trash would. */
  function recordingTrash(calls: { paths: readonly string[]; glob: boolean }[]): TrashPackage {
    return async (paths, options) => {
      calls.push({ paths, glob: options.glob });
      for (const path of paths) await rm(path);
    };
  }

  it('hands the helper the absolute path, literally (a name with glob characters is not a pattern)', async () => {
    const photo = join(work, '[2019] *best* {a,b}?.jpg');
    await writeFile(photo, 'pixels');
    await writeFile(join(work, '2019 other.jpg'), 'keep me');
    const calls: { paths: readonly string[]; glob: boolean }[] = [];
    await systemTrashBin(async () => recordingTrash(calls)).moveToTrash(photo);
    expect(calls).toEqual([{ paths: [photo], glob: false }]);
    expect(existsSync(join(work, '2019 other.jpg'))).toBe(true);
  });

  it('refuses a missing file instead of reporting it trashed (the package skips it silently)', async () => {
    const calls: { paths: readonly string[]; glob: boolean }[] = [];
    await expect(
      systemTrashBin(async () => recordingTrash(calls)).moveToTrash(join(work, 'gone.jpg')),
    ).rejects.toMatchObject({ code: 'ENOENT' });
    expect(calls).toEqual([]);
  });

  it('reports a file the helper left in place, and a helper failure in one line', async () => {
    const photo = join(work, 'IMG_1.jpg');
    await writeFile(photo, 'pixels');
    await expect(systemTrashBin(async () => async () => undefined).moveToTrash(photo)).rejects.toThrow(
      'the system trash did not take the file',
    );
    const failing: TrashPackage = () =>
      Promise.reject(
        Object.assign(new Error('Command failed: windows-trash.exe'), {
          stderr: '\r\nAccess is denied.\r\n   at Recycle()\r\n',
        }),
      );
    await expect(systemTrashBin(async () => failing).moveToTrash(photo)).rejects.toThrow(
      /^the system trash refused it \(Access is denied\.\)$/,
    );
    expect(existsSync(photo)).toBe(true);
  });

  it('loads the trash package (ESM) from this CommonJS code', async () => {
    expect(typeof (await loadTrashPackage())).toBe('function');
  });

  it('keeps a real import() when compiled like the build (tsc, module node16), and loads it under plain Node', async () => {
    const root = join(__dirname, '..', '..', '..');
    const source = join(root, 'electron', 'engine', 'trash', 'trash-bin.ts');
    const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.node.json'), undefined, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    });
    const out = await mkdtemp(join(tmpdir(), 'doppel-trash-build-'));
    try {
      const program = ts.createProgram([source], {
        ...config!.options,
        outDir: out,
        rootDir: root,
        noEmit: false,
        sourceMap: false,
      });
      const emitted = program.emit(program.getSourceFile(source));
      expect(emitted.emitSkipped).toBe(false);
      const compiled = join(out, 'electron', 'engine', 'trash', 'trash-bin.js');
      const text = await readFile(compiled, 'utf8');
      expect(text).toMatch(/\brequire\("node:fs\/promises"\)/); // CommonJS output, as in dist/
      expect(text).toMatch(/\bimport\(['"]trash['"]\)/);
      expect(text).not.toMatch(/require\(['"]trash['"]\)/);
      // Plain Node (no vitest, no bundler) resolves it from the project's node_modules, as dist/ would.
      await symlink(join(root, 'node_modules'), join(out, 'node_modules'), 'dir');
      const loaded = execFileSync(
        process.execPath,
        ['-e', `require(${JSON.stringify(compiled)}).loadTrashPackage().then((f) => console.log(typeof f))`],
        { encoding: 'utf8' },
      );
      expect(loaded.trim()).toBe('function');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 120_000);
});
