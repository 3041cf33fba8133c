import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Doppel keeps its database, models and caches: the same folder Electron's app.getPath('userData')
 * gives the desktop app, so the CLI, `serve` and the app share one library.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.DOPPEL_DATA_DIR) return env.DOPPEL_DATA_DIR;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Doppel');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Doppel');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Doppel');
}
