import {
  ServerConfigSchema,
  SettingsSchema,
  type ServerConfig,
  type Settings,
} from '../../../shared/contract';

/** The form keeps the server fields even while "on this computer" is chosen, so switching back loses nothing. */
export interface SettingsDraft {
  storageKind: 'embedded' | 'server';
  server: { url: string; user: string; password: string; database: string };
  model: string;
  thumbnailCacheDir: string;
  thumbnailCacheMaxMb: string;
}

export const emptyServer: SettingsDraft['server'] = {
  url: '',
  user: 'default',
  password: '',
  database: 'doppel',
};

export function draftFromSettings(settings: Settings): SettingsDraft {
  return {
    storageKind: settings.storage.kind,
    server: settings.storage.kind === 'server' ? { ...settings.storage.server } : { ...emptyServer },
    model: settings.model,
    thumbnailCacheDir: settings.thumbnailCacheDir,
    thumbnailCacheMaxMb: String(settings.thumbnailCacheMaxMb),
  };
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export function checkServer(server: SettingsDraft['server']): Checked<ServerConfig> {
  const parsed = ServerConfigSchema.safeParse({ ...server, url: server.url.trim() });
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    message: 'Enter the server’s address with http:// or https://, for example http://localhost:8123.',
  };
}

export function settingsFromDraft(draft: SettingsDraft): Checked<Settings> {
  let storage: Settings['storage'] = { kind: 'embedded' };
  if (draft.storageKind === 'server') {
    const server = checkServer(draft.server);
    if (!server.ok) return server;
    storage = { kind: 'server', server: server.value };
  }
  if (!draft.model.trim())
    return { ok: false, message: 'Enter a model name, or the folder that holds a model.' };
  if (!draft.thumbnailCacheDir.trim())
    return { ok: false, message: 'Enter a folder for the thumbnail cache.' };
  const maxMb = Number(draft.thumbnailCacheMaxMb);
  if (!Number.isInteger(maxMb) || maxMb <= 0) {
    return { ok: false, message: 'Enter the thumbnail cache size in megabytes, as a whole number above 0.' };
  }
  const parsed = SettingsSchema.safeParse({
    storage,
    model: draft.model.trim(),
    thumbnailCacheDir: draft.thumbnailCacheDir.trim(),
    thumbnailCacheMaxMb: maxMb,
  });
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, message: 'Some settings are not valid.' };
}
