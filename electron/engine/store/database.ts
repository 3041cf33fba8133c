import { createClient, type ClickHouseClient } from '@clickhouse/client';
import type { ServerConfig } from '../../../shared/contract/entities';
import { describeDatabaseFailure } from './database-errors';
import { clickHouseLogOptions } from './database-log';
import { embeddedDatabaseAvailable, EMBEDDED_UNAVAILABLE_MESSAGE } from './embedded-availability';
import { UserError } from '../user-error';
import { withFailuresInWords } from './failures-in-words';
import { MachineScope } from './machine-scope';

export type DatabaseTarget = { kind: 'embedded'; path: string } | { kind: 'server'; server: ServerConfig };

/** One ClickHouse, embedded or remote, behind the same client and the same SQL. */
export interface Database {
  client: ClickHouseClient;
  kind: 'embedded' | 'server';
  /** Validated identifier, safe to splice as a database name (values always go in as parameters). */
  name: string;
  version: string;
  /**
   * Which computer this is among those sharing the index, set once it has registered (DoppelEngine.open);
   * absent, the database is one computer's and keys are plain paths (see machineScope).
   */
  machine?: MachineScope;
  close(): Promise<void>;
}

/** How the stores turn this computer's paths into stored keys and back. */
export function machineScope(db: Database): MachineScope {
  return (db.machine ??= MachineScope.single());
}

/**
 * Oldest server whose SQL we rely on: ReplacingMergeTree's is_deleted column, L2Distance on arrays, and a
 * projection on a ReplacingMergeTree (deduplicate_merge_projection_mode, 24.8).
 */
const MINIMUM_SERVER_VERSION = [24, 8];

/** `platform` is a parameter so Windows' answer is tested on every machine. */
export async function openDatabase(
  target: DatabaseTarget,
  platform: NodeJS.Platform = process.platform,
): Promise<Database> {
  const name = target.kind === 'server' ? target.server.database : 'doppel';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new Error(`"${name}" is not a valid ClickHouse database name (letters, digits and _ only)`);
  }
  const client =
    target.kind === 'embedded' ? await openEmbedded(target.path, platform) : openServer(target.server);
  try {
    const result = await client.query({ query: 'SELECT version() AS version', format: 'JSONEachRow' });
    const [{ version }] = (await result.json()) as [{ version: string }];
    assertVersion(version);
    await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${name}` });
    return {
      client: withFailuresInWords(client, target),
      kind: target.kind,
      name,
      version,
      close: () => client.close(),
    };
  } catch (error) {
    await client.close().catch(() => undefined);
    throw new Error(describeDatabaseFailure(error, target), { cause: error });
  }
}

async function openEmbedded(path: string, platform: NodeJS.Platform): Promise<ClickHouseClient> {
  // A UserError, not a crash: the CLI prints it as one line and the desktop app shows it instead of
  // restarting an engine that can never open.
  if (!embeddedDatabaseAvailable(platform)) {
    throw new UserError('embedded-unavailable', EMBEDDED_UNAVAILABLE_MESSAGE);
  }
  // Loaded lazily so server-only installs and platforms without chdb never touch the native module.
  const { createChdbConnection } = await import('chdb/connection');
  return createClient({
    connection: createChdbConnection({ path }),
    log: clickHouseLogOptions(),
  } as Parameters<typeof createClient>[0]);
}

function openServer(server: ServerConfig): ClickHouseClient {
  return createClient({
    url: server.url,
    username: server.user,
    password: server.password,
    request_timeout: 300_000,
    clickhouse_settings: { wait_end_of_query: 1 },
    // Long parameter lists (a bulk trash's paths, a batch's hashes) go in the body, not the URL, which
    // servers and proxies cap at a few kilobytes to a megabyte.
    use_multipart_params_auto: true,
    log: clickHouseLogOptions(),
  });
}

function assertVersion(version: string): void {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [needMajor, needMinor] = MINIMUM_SERVER_VERSION as [number, number];
  if (major < needMajor || (major === needMajor && minor < needMinor)) {
    throw new Error(`ClickHouse ${version} is too old: Doppel needs ${needMajor}.${needMinor} or later`);
  }
}
