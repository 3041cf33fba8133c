import { RequestProblem, type ClickHouseRequest } from './http-request';

/**
 * The statements that give a request's session what the server would: its database, its settings and
 * its parameters. Parameters go in as `SET param_x = '…'` rather than through chdb's queryBind, which
 * escapes backslashes in string values once more, so the text form the HTTP client sends (`['it\'s']`)
 * would no longer parse; the SET keeps the text exactly as sent and the query's `{x:Type}` parses it
 * the way the server does.
 */
export function statementPrelude(request: ClickHouseRequest): string[] {
  const statements = [...SERVER_DEFAULTS];
  if (request.database !== null && request.database !== '')
    statements.push(`USE ${identifier(request.database, 'database')}`);
  for (const [name, value] of request.settings)
    statements.push(`SET ${identifier(name, 'setting')} = ${sqlString(value)}`);
  // A server parses a parameter's value by its type, not as SQL, so max_query_size (256 KiB by default)
  // never limits it; a SET here is SQL, so a longer one runs with the limit raised for it alone.
  const ownLimit = request.settings.get('max_query_size') ?? String(DEFAULT_MAX_QUERY_SIZE);
  for (const [name, value] of request.params) {
    const set = `SET param_${identifier(name, 'parameter')} = ${sqlString(value)}`;
    if (set.length < DEFAULT_MAX_QUERY_SIZE) statements.push(set);
    else
      statements.push(
        `SET max_query_size = ${set.length + 1024}`,
        set,
        `SET max_query_size = ${sqlString(ownLimit)}`,
      );
  }
  return statements;
}

/** ClickHouse's default max_query_size. */
const DEFAULT_MAX_QUERY_SIZE = 262_144;

/**
 * Where chdb's defaults (those of clickhouse-local) differ from a server's in ways a client sees: a server
 * quotes 64-bit integers in JSON and parses DateTime text strictly. A request's own settings come after.
 */
const SERVER_DEFAULTS = [
  'SET output_format_json_quote_64bit_integers = 1',
  "SET date_time_input_format = 'basic'",
];

/** A ClickHouse string literal holding exactly `text`. */
export function sqlString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function identifier(name: string, what: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return name;
  throw new RequestProblem(
    what === 'setting' ? 115 : 36,
    what === 'setting' ? 'UNKNOWN_SETTING' : 'BAD_ARGUMENTS',
    `Invalid ${what} name: ${JSON.stringify(name.slice(0, 80))}`,
  );
}
