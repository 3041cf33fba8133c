import type { ErrorLogParams, LogParams, Logger, WarnLogParams } from '@clickhouse/client';
import { ClickHouseLogLevel } from '@clickhouse/client';
import { isVerbose, logDetail } from '../platform/verbose-log';

/**
 * @clickhouse/client's logging, routed through Doppel's: its default logger prints an ERROR block with a
 * stack trace (and a WARN about request_timeout) to stderr before Doppel has said, in one line, what went
 * wrong. Here everything it says is a detail, shown only with --verbose. The client constructs this class
 * itself (`new LoggerClass()`), so it takes no arguments. Some warnings (URL overrides) are logged at any
 * level, which is why the class filters too, not only the level.
 */
export class ClickHouseClientLog implements Logger {
  trace({ module, message, args }: LogParams): void {
    logDetail('clickhouse', `${module}: ${message}`, args);
  }
  debug({ module, message, args }: LogParams): void {
    logDetail('clickhouse', `${module}: ${message}`, args);
  }
  info({ module, message, args }: LogParams): void {
    logDetail('clickhouse', `${module}: ${message}`, args);
  }
  warn({ module, message, args, err }: WarnLogParams): void {
    logDetail('clickhouse', `warning, ${module}: ${message}`, args, err);
  }
  error({ module, message, args, err }: ErrorLogParams): void {
    logDetail('clickhouse', `error, ${module}: ${message}`, args, err);
  }
}

/** The `log` option of createClient: Doppel's logger, asked for warnings and errors only when verbose. */
export function clickHouseLogOptions(): { LoggerClass: new () => Logger; level: ClickHouseLogLevel } {
  return {
    LoggerClass: ClickHouseClientLog,
    level: isVerbose() ? ClickHouseLogLevel.WARN : ClickHouseLogLevel.OFF,
  };
}
