import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemFolderOf, systemFolderProblem, type SystemFolderContext } from './system-folders';

const linux: SystemFolderContext = { platform: 'linux', env: {}, home: '/home/ann' };
const mac: SystemFolderContext = { platform: 'darwin', env: {}, home: '/Users/ann' };
const windows: SystemFolderContext = {
  platform: 'win32',
  env: { SystemDrive: 'C:', SystemRoot: 'C:\\WINDOWS', ProgramFiles: 'C:\\Program Files' },
  home: 'C:\\Users\\ann',
};

const refused = (path: string, use: 'library' | 'thumbnails', context: SystemFolderContext) =>
  systemFolderOf(path, use, context) !== null;

describe('system folders', () => {
  it('on Linux: the root, the system trees and everything in them; not the folders people keep photos in', () => {
    for (const path of [
      '/',
      '/etc',
      '/etc/x',
      '/usr/share/backgrounds',
      '/proc/self',
      '/home',
      '/var',
      '/run',
    ])
      expect(refused(path, 'library', linux), path).toBe(true);
    for (const path of [
      '/home/ann/Pictures',
      '/media/ann/CARD',
      '/run/media/ann/CARD', // where udisks mounts drives on Fedora and Arch
      '/mnt/photos',
      '/srv/photos',
      '/var/www',
    ])
      expect(refused(path, 'library', linux), path).toBe(false);
  });

  it('takes the home folder as a library folder but not as a thumbnail folder; what is in it is fine', () => {
    expect(refused('/home/ann', 'library', linux)).toBe(false);
    expect(systemFolderProblem('/home/ann', 'thumbnails', '~', linux)).toBe('~ is your home folder itself');
    expect(refused('/home/ann/Cache', 'thumbnails', linux)).toBe(false);
    expect(refused('/Users/ann', 'thumbnails', mac)).toBe(true);
    expect(refused('C:\\Users\\ann', 'thumbnails', windows)).toBe(true);
  });

  it('on macOS: /System, /Library, apps, /Volumes itself; case-insensitively', () => {
    for (const path of ['/System/Library', '/library/Caches', '/Applications/Photos.app', '/Volumes', '/'])
      expect(refused(path, 'library', mac), path).toBe(true);
    for (const path of ['/Volumes/Card/DCIM', '/Users/ann/Pictures', '/Users/ann/Library/Mobile Documents'])
      expect(refused(path, 'library', mac), path).toBe(false);
    expect(refused('/Users/ann/Library', 'library', mac)).toBe(true);
  });

  it('on Windows: the system drive, Windows and Program Files, by any case; other drives are fine', () => {
    for (const path of [
      'C:\\',
      'c:\\windows\\System32',
      'C:\\Program Files\\Adobe',
      'C:\\Users',
      'C:\\ProgramData\\x',
    ])
      expect(refused(path, 'library', windows), path).toBe(true);
    for (const path of ['D:\\', 'E:\\Photos', 'C:\\Users\\ann\\Pictures', 'C:\\Photos'])
      expect(refused(path, 'library', windows), path).toBe(false);
  });

  it('says which system folder, in words', () => {
    expect(systemFolderProblem('/etc', 'library', '/etc', linux)).toBe(
      "/etc is a folder of the operating system's own",
    );
    expect(systemFolderProblem('/usr/share', 'library', '/usr/share', linux)).toBe(
      "/usr/share is inside /usr, a folder of the operating system's own",
    );
  });

  describe.skipIf(process.platform === 'win32')('on this machine', () => {
    let work: string;
    beforeAll(async () => {
      work = await mkdtemp(join(tmpdir(), 'doppel-system-'));
      await symlink('/etc', join(work, 'settings'));
    });
    afterAll(() => rm(work, { recursive: true, force: true }));

    it('judges by real path: a link to /etc is /etc', () => {
      const host = { platform: process.platform, env: process.env, home: '/nowhere' };
      expect(refused(join(work, 'settings'), 'thumbnails', host)).toBe(true);
      expect(refused(join(work, 'settings', 'not-yet', 'x'), 'library', host)).toBe(true);
      expect(refused(work, 'library', host)).toBe(false);
    });
  });
});
