import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { storageTargets } from '../testing/storage-targets';
import { openDatabase } from './database';
import { migrate, SCHEMA_VERSION } from './schema';

/**
 * A stand-in for a ClickHouse server's HTTP interface that answers like a real one would in a few failure
 * modes (wrong password, too old). The real SQL runs embedded and on the HTTP test server (below and in
 * the other store tests); this checks what the user is told when a server is not what Doppel needs.
 */
function fakeClickHouse(answer: (query: string) => { status: number; body: string }): Promise<Server> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const query = new URL(request.url ?? '/', 'http://x').searchParams.get('query') ?? body;
      const { status, body: text } = answer(query);
      response.writeHead(status, {
        'Content-Type': 'text/plain',
        ...(status === 200 ? {} : { 'X-ClickHouse-Exception-Code': String(status) }),
      });
      response.end(text);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let server: Server | undefined;
afterEach(() => server?.close());

function urlOf(s: Server): string {
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

describe('opening a ClickHouse server', () => {
  it('names a refused password as such', async () => {
    server = await fakeClickHouse(() => ({
      status: 516,
      body: 'Code: 516. DB::Exception: default: Authentication failed: password is incorrect, or there is no user with such name. (AUTHENTICATION_FAILED)',
    }));
    const server_ = { url: urlOf(server), user: 'default', password: 'wrong', database: 'doppel' };
    await expect(openDatabase({ kind: 'server', server: server_ })).rejects.toThrow(
      /refused the user or password/,
    );
  });

  it('refuses a server too old for the SQL Doppel runs, saying which version it needs', async () => {
    server = await fakeClickHouse((query) =>
      /version\(\)/.test(query)
        ? { status: 200, body: '{"version":"21.8.15.7"}\n' }
        : { status: 200, body: '' },
    );
    const server_ = { url: urlOf(server), user: 'default', password: '', database: 'doppel' };
    await expect(openDatabase({ kind: 'server', server: server_ })).rejects.toThrow(
      /21\.8\.15\.7 is too old.*24\.8/,
    );
  });

  it('rejects a database name that is not a plain identifier before sending anything', async () => {
    const server_ = {
      url: 'http://127.0.0.1:9',
      user: 'default',
      password: '',
      database: 'doppel; DROP TABLE x',
    };
    await expect(openDatabase({ kind: 'server', server: server_ })).rejects.toThrow(
      /not a valid ClickHouse database name/,
    );
  });
});

describe.each(storageTargets())('schema migrations ($name)', (storage) => {
  it('applies every migration once and refuses a library written by a newer Doppel', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'doppel-schema-'));
    const db = await openDatabase(await storage.database(dir));
    expect(db.kind).toBe(storage.kind);
    try {
      expect(await migrate(db)).toBe(SCHEMA_VERSION);
      expect(await migrate(db)).toBe(SCHEMA_VERSION); // idempotent
      const tables = await db.client.query({ query: `SHOW TABLES FROM ${db.name}`, format: 'JSONEachRow' });
      const names = ((await tables.json()) as { name: string }[]).map((t) => t.name);
      expect(names).toEqual(
        expect.arrayContaining(['photos', 'pairs', 'pixel_pairs', 'paired', 'dismissed', 'folders']),
      );
      await db.client.insert({
        table: `${db.name}.schema_migrations`,
        values: [{ version: SCHEMA_VERSION + 1 }],
        format: 'JSONEachRow',
      });
      await expect(migrate(db)).rejects.toThrow(/newer Doppel/);
    } finally {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
