import { join } from 'node:path';

/**
 * Where the desktop app keeps its library, decided without Electron so it can be tested. The folder is the
 * one the CLI and `serve` use by default (`<appData>/Doppel`), so all three share one library; tests and
 * portable setups point it elsewhere with DOPPEL_DATA_DIR.
 */
export interface DesktopPaths {
  /** The library: database, models, thumbnails, settings.json. Also Electron's userData. */
  dataDir: string;
  /** Chromium's own caches and storage, kept apart from the library so they never mix. */
  sessionDataDir: string;
}

export function desktopPaths(env: NodeJS.ProcessEnv, appDataDir: string): DesktopPaths {
  const dataDir = env.DOPPEL_DATA_DIR || join(appDataDir, 'Doppel');
  return { dataDir, sessionDataDir: join(dataDir, 'chromium') };
}

/** Environment for the engine's utility process: the library folder, the media token, test overrides. */
export function engineEnvironment(
  env: NodeJS.ProcessEnv,
  options: { dataDir: string; mediaToken: string; resourcesPath: string | null },
): NodeJS.ProcessEnv {
  const next: NodeJS.ProcessEnv = {
    ...env,
    DOPPEL_DATA_DIR: options.dataDir,
    DOPPEL_MEDIA_TOKEN: options.mediaToken,
  };
  // An installer may ship the default model in resources/model (build/bundled-model/ at packaging time).
  if (options.resourcesPath && !env.DOPPEL_BUNDLED_MODEL)
    next.DOPPEL_BUNDLED_MODEL = join(options.resourcesPath, 'model');
  return next;
}
