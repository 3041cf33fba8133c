import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../electron/engine/testing/closed-port';
import { electronPackageDir, launchDesktop, locateElectron, MISSING_ELECTRON_MESSAGE } from './start-desktop';

const LAUNCHER = join(__dirname, 'start-desktop.ts');
const ELECTRON_INSTALLED = locateElectron(electronPackageDir(), process.env).found;

/** The launcher as `npm start` runs it: a real Node process. */
function runLauncher(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', LAUNCHER, '.'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('npm start launcher', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-start-'));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  /** A node_modules/electron stand-in: path.txt naming `binary` in dist/, which holds it only if asked. */
  async function electronDir(name: string, binary: string | null, script?: string): Promise<string> {
    const dir = join(work, name);
    await mkdir(join(dir, 'dist'), { recursive: true });
    if (binary) await writeFile(join(dir, 'path.txt'), binary);
    if (binary && script) {
      await writeFile(join(dir, 'dist', binary), script);
      await chmod(join(dir, 'dist', binary), 0o755);
    }
    return dir;
  }

  it('explains in two lines, no stack trace, when the binary is missing and the download fails', async () => {
    for (const dir of [await electronDir('no-path-txt', null), await electronDir('no-dist', 'electron')]) {
      let stderr = '';
      const downloads: string[] = [];
      const code = await launchDesktop(['.'], {
        electronDir: dir,
        env: {},
        stderr: (text) => void (stderr += text),
        download: (electronDir) => (downloads.push(electronDir), false),
      });
      expect(code).toBe(1);
      expect(downloads).toEqual([dir]);
      expect(stderr.endsWith(MISSING_ELECTRON_MESSAGE)).toBe(true);
      expect(MISSING_ELECTRON_MESSAGE.trimEnd().split('\n')).toHaveLength(2);
      expect(MISSING_ELECTRON_MESSAGE).toContain('npm run serve');
    }
  });

  it.skipIf(process.platform === 'win32')(
    'starts the binary with the arguments and forwards its exit code (the stand-in is a shell script: not on Windows)',
    async () => {
      const dir = await electronDir(
        'installed',
        'electron',
        `#!/bin/sh\n[ "$1" = "." ] && [ "$2" = "--flag" ] && exit 7\nexit 3\n`,
      );
      expect(locateElectron(dir, {})).toEqual({ found: true, path: join(dir, 'dist', 'electron') });
      const code = await launchDesktop(['.', '--flag'], {
        electronDir: dir,
        env: {},
        download: () => expect.fail('an installed binary is not downloaded again'),
      });
      expect(code).toBe(7);
    },
  );

  it.skipIf(ELECTRON_INSTALLED)(
    'as a real process, with the real electron package and no binary, prints only the two lines (skipped where Electron is installed: it would launch the app)',
    async () => {
      // The download is tried for real, from a mirror that is not there, so it fails the same way offline does.
      const run = await runLauncher({
        ELECTRON_MIRROR: `http://127.0.0.1:${await closedPort()}/`,
        electron_config_cache: join(work, 'electron-cache'),
        DOPPEL_VERBOSE: '',
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `Downloading Electron’s binary (first launch only)…\n${MISSING_ELECTRON_MESSAGE}`,
      );
    },
  );

  it('is what npm start runs, instead of electron itself', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
    expect(pkg.scripts.start).toMatch(/node dist\/scripts\/start-desktop\.js \.$/);
  });
});
