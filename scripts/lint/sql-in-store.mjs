import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * SQL only in electron/engine/store/: the queries a ClickHouse server sees can be read in one folder, and
 * the rest of the engine asks the store in its own words. Outside the store, in electron/ and scripts/, a
 * string that reads as a SQL statement, a call on the database client (`db.client.query(...)`) or an
 * import of the storage rows (store/photo-rows: snake_case columns, row versions) is a lint error.
 *
 * Not checked: tests and testing/ folders (they set up or inspect a database to test the store, and never
 * run against a user's server), and scripts/bench (its baselines are the SQL the engine replaced, and it
 * generates a million synthetic rows inside ClickHouse, which no store method should offer).
 */
const CHECKED = ['electron', 'scripts'];
const EXEMPT = ['electron/engine/store', 'scripts/bench'];

/** The start of a statement, in the upper case our SQL is written in (not a word in an error message). */
const SQL_STATEMENT =
  /\b(?:SELECT|INSERT\s+INTO|ALTER\s+TABLE|CREATE\s+(?:TABLE|DATABASE|VIEW)|DROP\s+(?:TABLE|DATABASE|VIEW)|OPTIMIZE\s+TABLE|TRUNCATE\s+TABLE|DELETE\s+FROM|RENAME\s+TABLE)\s/;
/** The ClickHouse client's methods that send a statement. */
const CLIENT_METHODS = new Set(['query', 'exec', 'command', 'insert']);
/** The store's private modules: how rows are shaped and versioned. */
const STORE_PRIVATE = ['electron/engine/store/photo-rows'];

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;

function isInside(path, folder) {
  return path === folder || path.startsWith(`${folder}/`);
}

function isChecked(file) {
  if (file.startsWith('..') || TEST_FILE.test(file) || file.split('/').includes('testing')) return false;
  return CHECKED.some((folder) => isInside(file, folder)) && !EXEMPT.some((folder) => isInside(file, folder));
}

function propertyName(member) {
  if (member.type !== 'MemberExpression') return null;
  if (!member.computed && member.property.type === 'Identifier') return member.property.name;
  return member.property.type === 'Literal' ? String(member.property.value) : null;
}

const sqlInStoreRule = {
  meta: {
    type: 'problem',
    docs: { description: 'SQL and database client calls only in electron/engine/store/.' },
    schema: [],
    messages: {
      sql: 'SQL belongs in electron/engine/store/: add a store method for this query and call it.',
      client:
        'The database client is used in electron/engine/store/ only: add a store method for this and call it.',
      rows: '{{target}} is how the store shapes its rows: hand the store a PhotoRecord (store/photo-store) instead.',
    },
  },
  create(context) {
    const file = relative(ROOT, context.filename).split(sep).join('/');
    if (!isChecked(file)) return {};
    function checkImport(sourceNode) {
      if (!sourceNode || typeof sourceNode.value !== 'string' || !sourceNode.value.startsWith('.')) return;
      const target = relative(ROOT, resolve(dirname(context.filename), sourceNode.value))
        .split(sep)
        .join('/')
        .replace(/\.[cm]?[jt]s$/, '');
      if (STORE_PRIVATE.includes(target))
        context.report({ node: sourceNode, messageId: 'rows', data: { target } });
    }

    return {
      ImportDeclaration: (node) => checkImport(node.source),
      ExportNamedDeclaration: (node) => checkImport(node.source),
      ExportAllDeclaration: (node) => checkImport(node.source),
      ImportExpression: (node) => checkImport(node.source),
      Literal(node) {
        if (typeof node.value === 'string' && SQL_STATEMENT.test(node.value))
          context.report({ node, messageId: 'sql' });
      },
      TemplateLiteral(node) {
        // Interpolations stand in as a name, so `SELECT ${columns} FROM` still reads as a statement.
        const text = node.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join('x');
        if (SQL_STATEMENT.test(text)) context.report({ node, messageId: 'sql' });
      },
      MemberExpression(node) {
        if (CLIENT_METHODS.has(propertyName(node)) && propertyName(node.object) === 'client')
          context.report({ node, messageId: 'client' });
      },
    };
  },
};

export const sqlInStorePlugin = { rules: { 'sql-in-store': sqlInStoreRule } };
