import { mkdirSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NOT_TEXT_FILE, NOT_TEXT_FOLDER } from './file-name-bytes';
import { scanFolders, type ScanOptions } from './scan-folders';
import { unreadableFolders as unreadable } from '../testing/unreadable-folders';

// A listing that fails with EACCES even as root (see testing/unreadable-folders.ts).
vi.mock('node:fs/promises', async (importOriginal) =>
  (await import('../testing/unreadable-folders.js')).withUnreadableReaddir(await importOriginal()),
);

// Runs as root in CI containers, where chmod 000 does not stop reads.
const isRoot = process.getuid?.() === 0;

let root: string;

beforeEach(async () => {
  // realpath: on macOS the temp dir is behind a symlink, and the scanner reports paths as walked.
  root = await realpath(await mkdtemp(join(tmpdir(), 'doppel-scan-')));
});

afterEach(async () => {
  unreadable.clear();
  // Restore permissions first, or rm cannot enter a chmod 000 folder when not running as root.
  await chmod(join(root, 'library', 'locked'), 0o755).catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});

/** Create files (with a few bytes each) under the temp root; folders are made as needed. */
async function touch(...relativePaths: string[]): Promise<void> {
  for (const relative of relativePaths) {
    const path = join(root, relative);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, 'not really an image');
  }
}

async function scan(folders: string[], options: Partial<ScanOptions> = {}) {
  return scanFolders(
    folders.map((folder) => join(root, folder)),
    { exclude: [], ...options },
  );
}

const relative = (files: { path: string }[]) => files.map((file) => file.path.slice(root.length + 1));

describe('scanFolders', () => {
  it('finds supported extensions case-insensitively in nested folders', async () => {
    await touch(
      'library/a.jpg',
      'library/B.JPG',
      'library/2023/summer/c.Jpeg',
      'library/2023/d.png',
      'library/2023/deep/er/e.WEBP',
      'library/f.tiff',
      'library/notes.txt',
      'library/movie.mp4',
      'library/raw.jpg.xmp',
      'library/no-extension',
    );
    const files = await scan(['library']);

    expect(relative(files)).toEqual([
      'library/2023/d.png',
      'library/2023/deep/er/e.WEBP',
      'library/2023/summer/c.Jpeg',
      'library/B.JPG',
      'library/a.jpg',
      'library/f.tiff',
    ]);
    for (const file of files) {
      expect(file.folder).toBe(join(root, 'library'));
      expect(file.size).toBe('not really an image'.length);
      expect(Number.isInteger(file.mtimeMs)).toBe(true);
    }
  });

  it('finds HEIC/HEIF and camera RAW files, and leaves their sidecars alone', async () => {
    await touch(
      'library/IMG_1.HEIC',
      'library/IMG_2.heif',
      'library/IMG_3.hif',
      'library/raw/a.CR2',
      'library/raw/b.cr3',
      'library/raw/c.NEF',
      'library/raw/d.arw',
      'library/raw/e.DNG',
      'library/raw/f.RAF',
      'library/raw/g.orf',
      'library/raw/a.xmp',
      'library/raw/catalog.lrcat',
    );
    expect(relative(await scan(['library']))).toEqual([
      'library/IMG_1.HEIC',
      'library/IMG_2.heif',
      'library/IMG_3.hif',
      'library/raw/a.CR2',
      'library/raw/b.cr3',
      'library/raw/c.NEF',
      'library/raw/d.arw',
      'library/raw/e.DNG',
      'library/raw/f.RAF',
      'library/raw/g.orf',
    ]);
  });

  it('skips hidden files and hidden folders', async () => {
    await touch(
      'library/visible.jpg',
      'library/.hidden.jpg',
      'library/.thumbnails/t.jpg',
      'library/.Trash/x/y.png',
    );
    expect(relative(await scan(['library']))).toEqual(['library/visible.jpg']);
  });

  it('skips the excluded data folder even when it is inside the library', async () => {
    await touch('library/a.jpg', 'library/doppel-data/thumbs/t1.jpg', 'library/doppel-data/cache.png');
    const files = await scan(['library'], { exclude: [join(root, 'library', 'doppel-data')] });
    expect(relative(files)).toEqual(['library/a.jpg']);
  });

  it('skips the excluded data folder when reached through a symlink', async () => {
    await touch('library/a.jpg', 'data/thumbs/t1.jpg');
    await symlink(join(root, 'data'), join(root, 'library', 'data-link'));
    const files = await scan(['library'], { exclude: [join(root, 'data')] });
    expect(relative(files)).toEqual(['library/a.jpg']);
  });

  it('skips what lies in an excluded folder when a link leads into it: a subfolder, one file', async () => {
    await touch('library/a.jpg', 'data/thumbs/ab/t1.jpg', 'data/thumbs/cd/t2.jpg');
    await symlink(join(root, 'data', 'thumbs'), join(root, 'library', 'thumbs-link'));
    await symlink(join(root, 'data', 'thumbs', 'cd', 't2.jpg'), join(root, 'library', 'one.jpg'));
    const files = await scan(['library'], { exclude: [join(root, 'data')] });
    expect(relative(files)).toEqual(['library/a.jpg']);
    // Also when the walk starts in the link itself (the watcher rescanning that subfolder).
    const subtree = await scanFolders(
      [{ dir: join(root, 'library', 'thumbs-link'), folder: join(root, 'library') }],
      {
        exclude: [join(root, 'data')],
      },
    );
    expect(subtree).toEqual([]);
  });

  // Linux file names are any bytes; macOS and Windows keep names valid text, so there is nothing to test.
  it.skipIf(process.platform !== 'linux')(
    'reports photos and folders whose names are not valid UTF-8, in a printable form',
    async () => {
      await touch('library/ok.jpg', 'library/caf\uFFFD.jpg'); // a real U+FFFD is a fine name
      const bytes = (...parts: (string | number[])[]) =>
        Buffer.concat(
          parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))),
        );
      writeFileSync(bytes(root, '/library/', [0xff, 0xfe], '.jpg'), 'x');
      writeFileSync(bytes(root, '/library/notes', [0xff], '.txt'), 'x'); // not a photo: not a word
      mkdirSync(bytes(root, '/library/trip ', [0xc3, 0x28]));
      writeFileSync(bytes(root, '/library/trip ', [0xc3, 0x28], '/inside.jpg'), 'x');
      const errors: { path: string; error: string }[] = [];
      const files = await scan(['library'], { onError: (path, error) => errors.push({ path, error }) });
      expect(relative(files)).toEqual(['library/caf\uFFFD.jpg', 'library/ok.jpg']);
      expect(errors).toEqual([
        { path: join(root, 'library', 'trip \\xc3('), error: NOT_TEXT_FOLDER },
        { path: join(root, 'library', '\\xff\\xfe.jpg'), error: NOT_TEXT_FILE },
      ]);
    },
  );

  it('terminates on a symlink loop and lists each file once', async () => {
    await touch('library/a.jpg', 'library/sub/b.jpg');
    // dir/link -> dir, and a deeper link back to the library root.
    await symlink(join(root, 'library'), join(root, 'library', 'loop'));
    await symlink(join(root, 'library', 'sub'), join(root, 'library', 'sub', 'self'));
    await symlink('..', join(root, 'library', 'sub', 'up'));

    const files = await scan(['library']);
    expect(relative(files)).toEqual(['library/a.jpg', 'library/sub/b.jpg']);
  });

  it('follows a symlinked folder that lives elsewhere, once', async () => {
    await touch('library/a.jpg', 'elsewhere/trip/x.jpg', 'elsewhere/trip/y.png');
    await symlink(join(root, 'elsewhere', 'trip'), join(root, 'library', 'trip'));
    // A second link to the same folder must not index its photos a second time.
    await symlink(join(root, 'elsewhere', 'trip'), join(root, 'library', 'trip-again'));

    const files = await scan(['library']);
    const names = relative(files).map((path) => path.split('/').pop());
    expect(names.sort()).toEqual(['a.jpg', 'x.jpg', 'y.png']);
    // Found through the link, so the paths stay inside the library.
    for (const file of files) expect(file.path.startsWith(join(root, 'library'))).toBe(true);
  });

  it('ignores a dangling symlink', async () => {
    await touch('library/a.jpg');
    await symlink(join(root, 'gone.jpg'), join(root, 'library', 'dangling.jpg'));
    await symlink(join(root, 'gone-folder'), join(root, 'library', 'dangling-folder'));
    const errors: string[] = [];
    const files = await scan(['library'], { onError: (path) => errors.push(path) });
    expect(relative(files)).toEqual(['library/a.jpg']);
    expect(errors).toEqual([]);
  });

  it('lists a photo once when two library folders overlap', async () => {
    await touch('library/a.jpg', 'library/sub/b.jpg');
    const files = await scan(['library', 'library/sub']);
    expect(relative(files)).toEqual(['library/a.jpg', 'library/sub/b.jpg']);
  });

  it('throws a clear error when a root is not a folder', async () => {
    await touch('file.jpg');
    await expect(scan(['file.jpg'])).rejects.toThrow(`${join(root, 'file.jpg')} is not a folder`);
  });

  it('reports a missing root (a drive unplugged mid-run) as unreadable and scans the others', async () => {
    await touch('library/a.jpg');
    const errors: { path: string; error: string }[] = [];
    const unread: string[] = [];
    const files = await scan(['missing', 'library'], {
      onError: (path, error) => errors.push({ path, error }),
      onUnreadable: (dir) => unread.push(dir),
    });
    expect(relative(files)).toEqual(['library/a.jpg']);
    expect(errors).toEqual([{ path: join(root, 'missing'), error: 'not found — is the drive connected?' }]);
    expect(unread).toEqual([join(root, 'missing')]);
  });

  it('stops early when aborted', async () => {
    await touch('library/a.jpg', 'library/sub/b.jpg');
    const controller = new AbortController();
    controller.abort();
    expect(await scan(['library'], { signal: controller.signal })).toEqual([]);
  });

  it.skipIf(isRoot)(
    'reports an unreadable subfolder via onError and keeps scanning (skipped as root: chmod 000 does not stop root)',
    async () => {
      await touch('library/a.jpg', 'library/locked/secret.jpg', 'library/z/c.jpg');
      await chmod(join(root, 'library', 'locked'), 0o000);
      const errors: { path: string; error: string }[] = [];
      const files = await scan(['library'], { onError: (path, error) => errors.push({ path, error }) });

      expect(relative(files)).toEqual(['library/a.jpg', 'library/z/c.jpg']);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.path).toBe(join(root, 'library', 'locked'));
      expect(errors[0]!.error).toMatch(/cannot read folder: EACCES/);
    },
  );

  it('reports a folder that cannot be listed via onError and keeps scanning (any user)', async () => {
    // As root, chmod cannot make a folder unreadable, so simulate the EACCES from readdir instead.
    await touch('library/a.jpg', 'library/locked/secret.jpg', 'library/z/c.jpg');
    unreadable.add(join(root, 'library', 'locked'));
    const errors: { path: string; error: string }[] = [];
    const unread: string[] = [];
    const files = await scan(['library'], {
      onError: (path, error) => errors.push({ path, error }),
      onUnreadable: (dir) => unread.push(dir),
    });

    expect(relative(files)).toEqual(['library/a.jpg', 'library/z/c.jpg']);
    expect(errors).toEqual([{ path: join(root, 'library', 'locked'), error: 'cannot read folder: EACCES' }]);
    // Told apart from an empty folder: the indexer keeps what it knows under it.
    expect(unread).toEqual([join(root, 'library', 'locked')]);
  });
});
