import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';
import { realPathOrNearest } from './library-roots';

/**
 * A folder of the operating system's own. `inside`: everything in it is the system's too (/etc/x is as much
 * a system folder as /etc); otherwise only the folder itself is (a folder inside /home is someone's).
 * `library`: also refused as a library folder. The home folder is not: a library of the whole home folder is
 * fine (Doppel's data folder in it is never scanned), but it is no place for a folder of thumbnails.
 */
export interface SystemFolder {
  path: string;
  inside: boolean;
  library: boolean;
}

export interface SystemFolderContext {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
}

const hostContext = (): SystemFolderContext => ({
  platform: process.platform,
  env: process.env,
  home: homedir(),
});

const tree = (path: string): SystemFolder => ({ path, inside: true, library: true });
const only = (path: string): SystemFolder => ({ path, inside: false, library: true });

/** Programs, settings and the kernel's own files on Linux and other Unix systems. */
const UNIX_TREES = [
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/proc',
  '/sbin',
  '/snap',
  '/sys',
  '/usr',
  '/var/cache',
  '/var/lib',
  '/var/log',
  '/var/spool',
];

/** macOS keeps /etc, /var and /tmp in /private (the short names are links), and apps in /Applications. */
const MAC_TREES = [
  '/Applications',
  '/Library',
  '/System',
  '/bin',
  '/cores',
  '/dev',
  '/etc',
  '/private/etc',
  '/private/var/db',
  '/sbin',
  '/usr',
];

/** The one list of folders Doppel never takes as a library folder or a thumbnail folder, per platform. */
export function systemFolders(context: SystemFolderContext = hostContext()): SystemFolder[] {
  const { platform, env, home } = context;
  const ownHome: SystemFolder = { path: home, inside: false, library: false };
  if (platform === 'win32') {
    const drive = (env.SystemDrive ?? 'C:').replace(/[\\/]+$/, '');
    const windows = env.SystemRoot ?? env.windir ?? `${drive}\\Windows`;
    const programs = [
      env.ProgramFiles ?? `${drive}\\Program Files`,
      env['ProgramFiles(x86)'] ?? `${drive}\\Program Files (x86)`,
      env.ProgramW6432,
      env.ProgramData ?? `${drive}\\ProgramData`,
    ].filter((path): path is string => Boolean(path));
    return [
      only(`${drive}\\`),
      only(`${drive}\\Users`),
      tree(windows),
      ...programs.map(tree),
      tree(`${drive}\\$Recycle.Bin`),
      tree(`${drive}\\System Volume Information`),
      ownHome,
    ];
  }
  if (platform === 'darwin')
    return [
      only('/'),
      only('/Users'),
      only('/Volumes'), // holds a link to the startup disk: a walk of it is a walk of everything
      only('/private'),
      only('/private/var'),
      only('/var'),
      only('/opt'),
      ...MAC_TREES.map(tree),
      ownHome,
      only(posix.join(home, 'Library')),
    ];
  // Not /run as a whole: udisks mounts cards and external drives in /run/media/<user>.
  return [
    only('/'),
    only('/home'),
    only('/var'),
    only('/opt'),
    only('/run'),
    only('/run/media'),
    ...UNIX_TREES.map(tree),
    ownHome,
  ];
}

/** A system folder that a path is, or lies inside. */
export interface SystemFolderMatch {
  folder: SystemFolder;
  /** The path is the folder itself (under some name), not something inside it. */
  same: boolean;
}

/**
 * The system folder `path` is or lies in, or null. Compared by real path on this machine (a link to /etc is
 * /etc, and so is a folder not created yet behind it), the list's own entries too (/bin is a link to
 * /usr/bin on most Linux systems); case-insensitively where the file system usually is (macOS, Windows).
 */
export function systemFolderOf(
  path: string,
  use: 'library' | 'thumbnails',
  context: SystemFolderContext = hostContext(),
): SystemFolderMatch | null {
  const paths = context.platform === 'win32' ? win32 : posix;
  const onThisMachine = context.platform === process.platform;
  const key = (folder: string) =>
    context.platform === 'win32' || context.platform === 'darwin' ? folder.toLowerCase() : folder;
  const names = (folder: string) => {
    const full = paths.resolve(folder);
    // A folder that does not exist yet is where its nearest existing parent really is.
    return onThisMachine ? [key(full), key(realPathOrNearest(full))] : [key(full)];
  };
  const target = names(path);
  let inside: SystemFolderMatch | null = null;
  for (const folder of systemFolders(context)) {
    if (use === 'library' && !folder.library) continue;
    for (const name of names(folder.path)) {
      if (target.includes(name)) return { folder, same: true };
      const prefix = name.endsWith(paths.sep) ? name : name + paths.sep;
      if (folder.inside && target.some((candidate) => candidate.startsWith(prefix)))
        inside ??= { folder, same: false };
    }
  }
  return inside;
}

/** Why `path` cannot be a library or thumbnail folder because it is the system's, in a photographer's words. */
export function systemFolderProblem(
  path: string,
  use: 'library' | 'thumbnails',
  shown = path,
  context: SystemFolderContext = hostContext(),
): string | null {
  const match = systemFolderOf(path, use, context);
  if (!match) return null;
  if (match.folder.path === context.home) return `${shown} is your home folder itself`;
  return match.same
    ? `${shown} is a folder of the operating system's own`
    : `${shown} is inside ${match.folder.path}, a folder of the operating system's own`;
}
