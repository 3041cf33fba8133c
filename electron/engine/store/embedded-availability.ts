/**
 * chdb, the embedded ClickHouse, ships builds for Linux and macOS only. On Windows Doppel needs a ClickHouse
 * server; this says so in words wherever the choice is made (the desktop app before it starts its engine,
 * the engine itself for the CLI and `serve`).
 */
export function embeddedDatabaseAvailable(platform: NodeJS.Platform): boolean {
  return platform === 'linux' || platform === 'darwin';
}

export const EMBEDDED_UNAVAILABLE_MESSAGE =
  'The embedded database is not available on Windows, so Doppel keeps its index on a ClickHouse server. ' +
  'Set one up in Settings › On a ClickHouse server (docker compose up -d in Doppel’s folder starts one at ' +
  'http://localhost:8123), or pass --clickhouse-url to the command line.';
