import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * `npm start`: launches the desktop app with Electron's binary. The `electron` package fetches that binary
 * on first use and, when it cannot (offline, a proxy, a mirror that is down), throws a stack trace with
 * advice to delete node_modules. This launcher says what happened in two lines instead, and points at
 * `npm run serve`, which runs the same UI in a browser without Electron.
 */

export type ElectronBinary = { found: true; path: string } | { found: false };

/** Where the `electron` package keeps its binary: path.txt names it inside dist/ (as its own index.js reads it). */
export function locateElectron(electronDir: string, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const path = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(path) ? { found: true, path } : { found: false };
  }
  if (!relative) return { found: false };
  const path = join(electronDir, 'dist', relative);
  return existsSync(path) ? { found: true, path } : { found: false };
}

export const MISSING_ELECTRON_MESSAGE =
  'Doppel’s desktop app cannot start: Electron’s binary is not installed and could not be downloaded ' +
  '(offline, or a proxy or mirror blocks it).\n' +
  '`npm run serve` runs the same Doppel UI in your browser; `npm start` tries the download again.\n';

export interface LaunchOptions {
  /** node_modules/electron. */
  electronDir: string;
  env?: NodeJS.ProcessEnv;
  stderr?: (text: string) => void;
  /** Fetch the binary; true when it worked. The default runs the package's own installer, quietly. */
  download?: (electronDir: string, env: NodeJS.ProcessEnv) => boolean;
}

/** Starts Electron with `args` and resolves to its exit code, or explains why it cannot and resolves to 1. */
export async function launchDesktop(args: string[], options: LaunchOptions): Promise<number> {
  const env = options.env ?? process.env;
  const stderr = options.stderr ?? ((text: string) => void process.stderr.write(text));
  const download = options.download ?? runElectronInstaller;
  let binary = locateElectron(options.electronDir, env);
  if (!binary.found && !env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    stderr('Downloading Electron’s binary (first launch only)…\n');
    if (download(options.electronDir, env)) binary = locateElectron(options.electronDir, env);
  }
  if (!binary.found) {
    stderr(MISSING_ELECTRON_MESSAGE);
    return 1;
  }
  return runElectron(binary.path, args, env);
}

function runElectron(binary: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(binary, args, { stdio: 'inherit', env, windowsHide: false });
    // Ctrl-C in the terminal reaches Electron too; it quits the app cleanly and we report its exit.
    const forward = (signal: NodeJS.Signals) => () => void child.kill(signal);
    const signals = (['SIGINT', 'SIGTERM'] as const).map((signal) => {
      const listener = forward(signal);
      process.on(signal, listener);
      return [signal, listener] as const;
    });
    const done = (code: number) => {
      for (const [signal, listener] of signals) process.off(signal, listener);
      resolve(code);
    };
    child.on('error', (error) => {
      process.stderr.write(`Could not start Electron (${error.message}).\n`);
      done(1);
    });
    child.on('exit', (code) => done(code ?? 1));
  });
}

/** The `electron` package's installer, its output kept (a stack trace when offline) unless DOPPEL_VERBOSE=1. */
function runElectronInstaller(electronDir: string, env: NodeJS.ProcessEnv): boolean {
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    env,
    stdio: env.DOPPEL_VERBOSE === '1' ? 'inherit' : 'ignore',
    timeout: 15 * 60_000,
  });
  return result.status === 0;
}

/** node_modules/electron as Node resolves it from here, without loading its index (which would download). */
export function electronPackageDir(): string {
  return dirname(require.resolve('electron/package.json'));
}

if (require.main === module) {
  void launchDesktop(process.argv.slice(2), { electronDir: electronPackageDir() }).then((code) => {
    process.exitCode = code;
  });
}
