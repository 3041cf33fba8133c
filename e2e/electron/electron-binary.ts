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
