import { RequestProblem } from './http-request';

/**
 * A ClickHouse server runs one statement per HTTP request and refuses a second ("Multi-statements are not
 * allowed"), while chdb runs them all: without this check, store SQL that only works embedded would pass
 * the server tests. A trailing `;` is allowed, as on the server. Semicolons inside string literals, quoted
 * identifiers and comments do not count, nor anything after an INSERT's FORMAT or VALUES (its data).
 */
export function assertSingleStatement(sql: string): void {
  const end = statementEnd(sql);
  if (end === null) return;
  if (stripComments(sql.slice(end + 1)).trim() !== '')
    throw new RequestProblem(
      62,
      'SYNTAX_ERROR',
      `Syntax error (Multi-statements are not allowed): failed at position ${end + 1} (';')`,
    );
}

/** The index of the first `;` outside quotes and comments, or null (none, or the data of an INSERT). */
function statementEnd(sql: string): number | null {
  const insert = /^\s*INSERT\b/i.test(stripComments(sql));
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"' || c === '`') i = closingQuote(sql, i) + 1;
    else if (sql.startsWith('--', i)) i = lineEnd(sql, i);
    else if (sql.startsWith('/*', i)) i = commentEnd(sql, i);
    else if (c === ';') return i;
    else if (insert && /[A-Za-z]/.test(c)) {
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i, i + 64))![0];
      if (/^(FORMAT|VALUES)$/i.test(word)) return null; // the rest is the data
      i += word.length;
    } else i++;
  }
  return null;
}

/** Past a quoted text: backslash escapes and doubled quotes, as ClickHouse reads them. */
function closingQuote(sql: string, open: number): number {
  const quote = sql[open]!;
  let i = open + 1;
  while (i < sql.length) {
    if (sql[i] === '\\') i += 2;
    else if (sql[i] === quote && sql[i + 1] === quote) i += 2;
    else if (sql[i] === quote) return i;
    else i++;
  }
  return sql.length;
}

function lineEnd(sql: string, from: number): number {
  const newline = sql.indexOf('\n', from);
  return newline < 0 ? sql.length : newline + 1;
}

function commentEnd(sql: string, from: number): number {
  const close = sql.indexOf('*/', from + 2);
  return close < 0 ? sql.length : close + 2;
}

function stripComments(text: string): string {
  return text.replace(/--[^\n]*|\/\*[\s\S]*?(\*\/|$)/g, ' ');
}
