import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ELECTRON_PACKAGE = join(__dirname, '..', '..', 'node_modules', 'electron');

/**
 * The Electron executable if one is installed, else null. `require('electron')` is no probe: when the
 * binary is missing it tries to download it. This reads what the electron package's own index.js reads:
 * path.txt, written once the binary is unpacked into dist/, or ELECTRON_OVERRIDE_DIST_PATH.
 */
export function installedElectron(): string | null {
  const pathFile = join(ELECTRON_PACKAGE, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? join(override, relative ?? 'electron')
    : relative
      ? join(ELECTRON_PACKAGE, 'dist', relative)
      : null;
  return candidate && existsSync(candidate) ? candidate : null;
}

export const NO_ELECTRON_REASON =
  'no Electron binary installed (node_modules/electron/path.txt or dist/ missing; it downloads on first `npm start`)';

/** Why the Electron journeys cannot run on this machine, or null when they can. */
export function electronSkipReason(env: NodeJS.ProcessEnv = process.env): string | null {
  if (!installedElectron()) return NO_ELECTRON_REASON;
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY)
    return 'no display for Electron on this Linux machine (run `xvfb-run npm test`)';
  return null;
}

/** Chromium refuses to start its sandbox as root (CI containers); only then is it turned off for the test run. */
export function electronLaunchArgs(appDir: string): string[] {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return isRoot ? ['--no-sandbox', appDir] : [appDir];
}
