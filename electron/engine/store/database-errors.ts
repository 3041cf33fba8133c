import type { DatabaseTarget } from './database';

/** Name the cause in words: the server is down, the password is wrong, it is too old, or the folder is busy. */
export function describeDatabaseFailure(error: unknown, target: DatabaseTarget): string {
  const message = error instanceof Error ? error.message : String(error);
  const where =
    target.kind === 'server' ? `the ClickHouse server at ${target.server.url}` : 'the embedded database';
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|socket hang up|fetch failed/i.test(message)) {
    return `Cannot reach ${where}: is it running? (docker compose up starts one) [${firstLine(message)}]`;
  }
  if (/AUTHENTICATION_FAILED|Authentication failed|code: 516|password is incorrect/i.test(message)) {
    return `${where} refused the user or password: check --clickhouse-user and --clickhouse-password`;
  }
  if (/Cannot lock file|Another server instance/i.test(message)) {
    return `${where} is in use by another Doppel process (only one process may open a data folder)`;
  }
  if (/too old|needs \d/.test(message) || /Windows/.test(message)) return message;
  return `${where} failed: ${firstLine(message)}`;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
