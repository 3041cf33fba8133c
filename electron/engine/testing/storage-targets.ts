import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';
import type { StorageSettings } from '../../../shared/contract/entities';
import type { DatabaseTarget } from '../store/database';
import {
  startClickHouseTestServer,
  type ClickHouseTestServer,
} from './clickhouse-http/clickhouse-test-server';

/**
 * Where a store or engine test keeps its library: the embedded chdb in the data folder, or a ClickHouse
 * server over HTTP (the tests' own server, answered by chdb in a process of its own). A test written once
 * runs on both through `describe.each(storageTargets())('… ($name)', (storage) => …)`, so the test's name
 * says which path ran.
 */
export interface StorageTarget {
  /** For test names: `embedded` or `server over HTTP`. */
  readonly name: string;
  readonly kind: 'embedded' | 'server';
  /**
   * The storage an engine on `dataDir` opens: undefined embedded (the data folder's own database, as a
   * user without flags gets), or a database of its own on the test server. The same data folder always
   * gets the same database, so a test that reopens a folder finds its library, as it would embedded.
   */
  engineStorage(dataDir: string): Promise<StorageSettings | undefined>;
  /** A database of its own for a store test: chdb under `dir`, or a fresh database on the test server. */
  database(dir: string): Promise<DatabaseTarget>;
}

const USER = 'doppel';
// A password a server must take as it is: a quote and a backslash, as in the HTTP server's own tests.
const PASSWORD = `test's \\ password`;

/**
 * Both targets. Call it at the top level of a test file: it registers the file's `afterAll` that stops
 * the file's one test server, which starts only when a server test first asks for a database (an
 * embedded-only run never starts it). Each database on it is fresh, so tests stay as independent as
 * their data folders are embedded.
 */
export function storageTargets(): StorageTarget[] {
  let server: Promise<ClickHouseTestServer> | null = null;
  let databases = 0;
  const byDataDir = new Map<string, StorageSettings>();
  const running = () => (server ??= startClickHouseTestServer({ user: USER, password: PASSWORD }));
  const freshServerTarget = async () => {
    const { url } = await running();
    return { url, user: USER, password: PASSWORD, database: `doppel_test_${++databases}` };
  };
  afterAll(async () => {
    if (server) await (await server).stop();
  });

  const embedded: StorageTarget = {
    name: 'embedded',
    kind: 'embedded',
    engineStorage: () => Promise.resolve(undefined),
    database: (dir) => Promise.resolve({ kind: 'embedded', path: join(dir, 'clickhouse') }),
  };
  const overHttp: StorageTarget = {
    name: 'server over HTTP',
    kind: 'server',
    engineStorage: async (dataDir) => {
      const key = resolve(dataDir);
      let storage = byDataDir.get(key);
      if (!storage) {
        storage = { kind: 'server', server: await freshServerTarget() };
        byDataDir.set(key, storage);
      }
      return storage;
    },
    database: async () => ({ kind: 'server', server: await freshServerTarget() }),
  };
  return [embedded, overHttp];
}
