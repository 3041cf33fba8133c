import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SettingsSchema, type Settings } from '../../../shared/contract/entities';
import { DEFAULT_MODEL } from '../model/model-source';
import { ensurePrivateDir, writePrivateFileAtomic } from './private-files';

export function defaultSettings(dataDir: string): Settings {
  return {
    storage: { kind: 'embedded' },
    model: DEFAULT_MODEL,
    thumbnailCacheDir: join(dataDir, 'thumbnails'),
    thumbnailCacheMaxMb: 1024,
  };
}

/** settings.json in the data folder; a damaged file falls back to defaults instead of locking the user out. */
export function readSettings(dataDir: string): Settings {
  try {
    const raw = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as unknown;
    return SettingsSchema.parse({ ...defaultSettings(dataDir), ...(raw as object) });
  } catch {
    return defaultSettings(dataDir);
  }
}

/**
 * Written to a temporary file then renamed, so a crash never leaves half a settings file; readable by this
 * user only (0600), since it may hold a ClickHouse password.
 */
export function writeSettings(dataDir: string, settings: Settings): void {
  ensurePrivateDir(dataDir);
  writePrivateFileAtomic(join(dataDir, 'settings.json'), JSON.stringify(settings, null, 2));
}
