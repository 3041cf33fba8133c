import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SettingsSchema, type Settings } from '../../../shared/contract/entities';
import { DEFAULT_MODEL } from '../model/model-source';

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

/** Written to a temporary file then renamed, so a crash never leaves half a settings file. */
export function writeSettings(dataDir: string, settings: Settings): void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'settings.json');
  writeFileSync(`${file}.tmp`, JSON.stringify(settings, null, 2));
  renameSync(`${file}.tmp`, file);
}
