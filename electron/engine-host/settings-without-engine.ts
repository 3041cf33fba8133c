import { ServerConfigSchema, SettingsSchema, type Settings } from '../../shared/contract/entities';
import type { MethodName } from '../../shared/contract/methods';
import type { EngineHandlers } from '../engine/api/engine-adapter';
import { readSettings, writeSettings } from '../engine/platform/settings-file';
import { openDatabase } from '../engine/store/database';
import { UserError } from '../engine/user-error';

const ANSWERED: readonly MethodName[] = ['getSettings', 'updateSettings', 'testConnection'];

/**
 * What the Settings screen needs while no engine can run (Windows before a ClickHouse server is chosen):
 * read and save settings.json and test a server, in the engine's process without opening a database.
 * Everything else waits for the engine. No Electron import, so it is tested under Node.
 */
export class SettingsWithoutEngine {
  constructor(private readonly dataDir: string) {}

  answers(method: MethodName): boolean {
    return ANSWERED.includes(method);
  }

  /** The methods it answers, for the contract adapter (which parses each request first). */
  handlers(): Partial<EngineHandlers> {
    return {
      getSettings: async () => readSettings(this.dataDir),
      updateSettings: async (request) => this.update(request),
      testConnection: async (request) => testConnection(request),
    };
  }

  async call(method: MethodName, request: unknown): Promise<unknown> {
    const handler = this.handlers()[method] as ((request: unknown) => Promise<unknown>) | undefined;
    if (!handler) throw new Error(`${method} needs the engine`);
    return handler(request);
  }

  /**
   * The storage and the model are saved; the thumbnail folder is the engine's to check (it must not be a
   * library folder), so changing it waits until the engine runs.
   */
  private update(request: Partial<Settings>): Settings {
    const current = readSettings(this.dataDir);
    const thumbnailsChanged =
      (request.thumbnailCacheDir !== undefined && request.thumbnailCacheDir !== current.thumbnailCacheDir) ||
      (request.thumbnailCacheMaxMb !== undefined &&
        request.thumbnailCacheMaxMb !== current.thumbnailCacheMaxMb);
    if (thumbnailsChanged) {
      throw new UserError(
        'needs-server',
        'Choose a ClickHouse server first and save; the thumbnail settings can be changed once Doppel’s engine runs.',
      );
    }
    const next = SettingsSchema.parse({
      ...current,
      ...(request.storage ? { storage: request.storage } : {}),
      ...(request.model !== undefined ? { model: request.model } : {}),
    });
    writeSettings(this.dataDir, next);
    return next;
  }
}

async function testConnection(request: unknown) {
  try {
    const server = ServerConfigSchema.parse((request as { server: unknown }).server);
    const db = await openDatabase({ kind: 'server', server });
    await db.close();
    return { ok: true, version: db.version, error: null };
  } catch (error) {
    return { ok: false, version: null, error: (error as Error).message };
  }
}
