import type { DatabaseTarget } from './database';

/** Name the cause in words: the server is down, the password is wrong, it is too old, or the folder is busy. */
export function describeDatabaseFailure(error: unknown, target: DatabaseTarget): string {
  const message = error instanceof Error ? error.message : String(error);
  const where =
    target.kind === 'server' ? `the ClickHouse server at ${target.server.url}` : 'the embedded database';
  if (CONNECTION_LOST.test(message)) return cannotReach(where, message);
  if (/AUTHENTICATION_FAILED|Authentication failed|code: 516|password is incorrect/i.test(message)) {
    return `${where} refused the user or password: check --clickhouse-user and --clickhouse-password`;
  }
  if (/Cannot lock file|Another server instance/i.test(message)) {
    return `${where} is in use by another Doppel process (only one process may open a data folder)`;
  }
  if (/too old|needs \d/.test(message) || /Windows/.test(message)) return message;
  return `${where} failed: ${firstLine(message)}`;
}

const CONNECTION_LOST =
  /ECONNREFUSED|ECONNRESET|EPIPE|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|socket hang up|fetch failed|Timeout error/i;

function cannotReach(where: string, message: string): string {
  return `Cannot reach ${where}: is it running? (docker compose up starts one) [${firstLine(message)}]`;
}

/**
 * The failures of a database that was open and working, in words: the server went away, or the disk it
 * writes to is full. What was stored before stays stored (every batch is one atomic insert), so the
 * sentence says how to go on. null for anything else (a query's own error keeps its code and text).
 */
export function describeLostDatabase(error: unknown, target: DatabaseTarget): string | null {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  // A ClickHouse error (a numeric code) came from a server that answered, whatever its text says.
  const answered = typeof code === 'string' && /^\d+$/.test(code);
  // Node names some losses only by code ("aborted", code ECONNRESET, when a response is cut off).
  const lost = CONNECTION_LOST.test(message) || (typeof code === 'string' && CONNECTION_LOST.test(code));
  if (target.kind === 'server' && !answered && lost)
    return `${cannotReach(`the ClickHouse server at ${target.server.url}`, message)}. What was stored is kept: run again once it is back.`;
  if (code === '243' || /No space left on device|NOT_ENOUGH_SPACE|ENOSPC/i.test(message)) {
    return target.kind === 'server'
      ? `The ClickHouse server at ${target.server.url} has run out of disk space: free some there and run again (what was stored is kept).`
      : "The disk holding Doppel's data folder is full: free some space (or move the data folder with --data-dir) and run again; what was stored is kept.";
  }
  return null;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
