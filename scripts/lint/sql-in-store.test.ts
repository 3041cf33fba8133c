import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');

/**
 * The sql-in-store errors ESLint reports for `code` as if it were the file at `path` (nothing is written);
 * `{store}` in the code is the relative path from that file to electron/engine/store.
 */
async function sqlErrors(path: string, code: string): Promise<string[]> {
  const store = relative(dirname(join(ROOT, path)), join(ROOT, 'electron/engine/store')) || '.';
  const text = code.replaceAll('{store}', store.startsWith('.') ? store : `./${store}`);
  const [result] = await eslint.lintText(text, { filePath: join(ROOT, path) });
  return result!.messages.filter((message) => message.ruleId === 'local/sql-in-store').map((m) => m.message);
}

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

// What the engine had before the store owned its SQL: each must fail outside store/.
const planted: { what: string; code: string }[] = [
  {
    what: 'a query in a template string',
    code: 'export const q = (db: { name: string }) => `SELECT path, hash FROM ${db.name}.photos FINAL`;',
  },
  {
    what: 'a statement in a plain string',
    code: "export const q = 'INSERT INTO doppel.pairs (a, b) VALUES (1, 2)';",
  },
  {
    what: 'a schema change',
    code: "export const q = 'ALTER TABLE doppel.photos DROP COLUMN phash';",
  },
  {
    what: 'a call on the database client',
    code:
      "import type { Database } from '{store}/database';\n" +
      'export const run = (db: Database, query: string) => db.client.query({ query });',
  },
  {
    what: 'an insert through the client',
    code:
      "import type { Database } from '{store}/database';\n" +
      'export const put = (db: Database) => db.client.insert({ table: "t", values: [] });',
  },
  {
    what: 'building storage rows (snake_case columns, versions)',
    code: "import { nextVersion, type PhotoRow } from '{store}/photo-rows';\nexport { nextVersion, type PhotoRow };",
  },
];

describe('SQL only in electron/engine/store/ (local/sql-in-store)', () => {
  for (const { what, code } of planted) {
    it(`fails on ${what} in the engine, the CLI and scripts`, async () => {
      for (const file of [
        'electron/engine/library/example.ts',
        'electron/cli/example.ts',
        'scripts/example.ts',
      ])
        expect(await sqlErrors(file, code), file).toHaveLength(1);
    });

    it(`allows ${what} in the store`, async () => {
      expect(await sqlErrors('electron/engine/store/example.ts', code)).toEqual([]);
    });
  }

  it('allows tests, testing/ helpers and the benchmark, which never reach a user’s server', async () => {
    const code = 'export const q = `SELECT count() FROM doppel.photos`;';
    for (const file of [
      'electron/engine/trash/example.test.ts',
      'electron/engine/testing/example.ts',
      'scripts/bench/example.ts',
    ])
      expect(await sqlErrors(file, code), file).toEqual([]);
  });

  it('does not mistake words for SQL, or another client for the database', async () => {
    const code =
      "export const m = 'Select a folder from the list, then choose Delete from the menu';\n" +
      "export const tag = (el: { tagName: string }) => el.tagName === 'SELECT';\n" +
      'export const send = (http: { client: { get(): void } }) => http.client.get();';
    expect(await sqlErrors('electron/engine/library/example.ts', code)).toEqual([]);
  });
});
