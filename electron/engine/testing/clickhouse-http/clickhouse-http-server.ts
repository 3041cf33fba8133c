import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { Session } from 'chdb';
import { readClickHouseRequest, RequestProblem, type ClickHouseRequest } from './http-request';
import { assertSingleStatement } from './single-statement';
import { statementPrelude } from './statement-prelude';

export interface ClickHouseHttpServerOptions {
  /** The chdb data folder this server owns (one process, one folder). */
  dataDir: string;
  user: string;
  password: string;
}

/**
 * ClickHouse's HTTP interface as @clickhouse/client uses it, answered by chdb: the same SQL, the same
 * `param_*` text forms, settings, exception headers and codes, so the engine's server path runs for real
 * in tests without a ClickHouse server. Each request gets a session of its own, as on the server (a
 * request's settings and parameters never leak into the next); one long-lived session keeps the
 * database open in between.
 */
/** ClickHouse's default http_max_uri_size. */
const CLICKHOUSE_MAX_URI_SIZE = 1024 * 1024;

export function createClickHouseHttpServer(options: ClickHouseHttpServerOptions): {
  server: Server;
  close(): Promise<void>;
} {
  const anchor = new Session(options.dataDir);
  const version = anchor.query('SELECT version()', 'TabSeparated').trim();
  // A server takes a URL of up to http_max_uri_size (1 MiB by default), where Node stops at 16 KB of
  // headers: with Node's limit, statements whose parameters would fit a server's URL failed here only.
  const server = createServer({ maxHeaderSize: CLICKHOUSE_MAX_URI_SIZE + 64 * 1024 }, (request, response) => {
    void answer(request, response, options, version);
  });
  return {
    server,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      anchor.close();
    },
  };
}

async function answer(
  request: IncomingMessage,
  response: ServerResponse,
  options: ClickHouseHttpServerOptions,
  version: string,
): Promise<void> {
  const queryId = randomUUID();
  response.setHeader('X-ClickHouse-Server-Display-Name', 'doppel-test-clickhouse');
  response.setHeader('X-ClickHouse-Timezone', 'UTC');
  try {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/ping' && (request.method === 'GET' || request.method === 'HEAD')) {
      request.resume();
      response.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8' }).end('Ok.\n');
      return;
    }
    if (path !== '/') {
      request.resume();
      throw new RequestProblem(
        1,
        'UNKNOWN_EXCEPTION',
        `There is no handle ${path.slice(0, 100)}. Use / or /ping.`,
      );
    }
    const parsed = await readClickHouseRequest(request);
    response.setHeader('X-ClickHouse-Query-Id', parsed.queryId ?? queryId);
    if (!credentialsMatch(parsed.credentials, options))
      throw new RequestProblem(
        516,
        'AUTHENTICATION_FAILED',
        `${parsed.credentials.user}: Authentication failed: password is incorrect, or there is no user with such name.`,
      );
    assertSingleStatement(parsed.sql);
    const format = parsed.defaultFormat ?? 'TabSeparated';
    const result = await run(options.dataDir, parsed, format);
    const summary = {
      read_rows: String(result.rowsRead),
      read_bytes: String(result.bytesRead),
      written_rows: '0',
      written_bytes: '0',
      total_rows_to_read: String(result.rowsRead),
      result_rows: String(result.rowsRead),
      result_bytes: String(result.bytesRead),
      elapsed_ns: String(Math.round(result.elapsed * 1e9)),
    };
    const body = Buffer.from(result.bytes());
    const encoded = encodeBody(body, parsed);
    response.writeHead(200, {
      'Content-Type': contentTypeOf(format),
      'X-ClickHouse-Format': format,
      'X-ClickHouse-Summary': JSON.stringify(summary),
      ...(encoded.encoding ? { 'Content-Encoding': encoded.encoding } : {}),
    });
    response.end(encoded.body);
  } catch (error) {
    if (!request.complete) request.resume();
    sendError(response, error, version);
  }
}

async function run(dataDir: string, request: ClickHouseRequest, format: string) {
  const session = new Session(dataDir);
  try {
    const statements = [...statementPrelude(request), request.sql];
    return await session.queryAsync(statements.join(';\n'), { format });
  } finally {
    session.close();
  }
}

function credentialsMatch(given: { user: string; password: string }, expected: ClickHouseHttpServerOptions) {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return given.user === expected.user && timingSafeEqual(digest(given.password), digest(expected.password));
}

/** Compressed only when asked (enable_http_compression=1), with the first codec the client accepts. */
function encodeBody(body: Buffer, request: ClickHouseRequest): { body: Buffer; encoding: string | null } {
  const accepted = (request.acceptEncoding ?? '').toLowerCase();
  if (/\bgzip\b/.test(accepted)) return { body: gzipSync(body), encoding: 'gzip' };
  if (/\bdeflate\b/.test(accepted)) return { body: deflateSync(body), encoding: 'deflate' };
  if (/\bbr\b/.test(accepted)) return { body: brotliCompressSync(body), encoding: 'br' };
  return { body, encoding: null };
}

function contentTypeOf(format: string): string {
  return /^JSON/i.test(format) ? 'application/json; charset=UTF-8' : 'text/plain; charset=UTF-8';
}

/** ClickHouse's answer to a failed query: its text, its code in a header, and an HTTP status by kind. */
function sendError(response: ServerResponse, error: unknown, version: string): void {
  const { code, text } = describeError(error);
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(httpStatusOf(code), {
    'Content-Type': 'text/plain; charset=UTF-8',
    'X-ClickHouse-Exception-Code': String(code),
  });
  response.end(`${text} (version ${version})\n`);
}

function describeError(error: unknown): { code: number; text: string } {
  if (error instanceof RequestProblem)
    return {
      code: error.code,
      text: `Code: ${error.code}. DB::Exception: ${error.message}. (${error.type})`,
    };
  const message = error instanceof Error ? error.message : String(error);
  const code = /^Code: (\d+)\./.exec(message)?.[1];
  if (code) return { code: Number(code), text: message.trim() };
  return { code: 1001, text: `Code: 1001. DB::Exception: ${message.split('\n')[0]}. (STD_EXCEPTION)` };
}

/** The server's own mapping (HTTPHandler's exceptionCodeToHTTPStatus), for the codes a client meets. */
function httpStatusOf(code: number): number {
  if (code === 194) return 401; // REQUIRED_PASSWORD
  if ([192, 193, 497, 516, 512].includes(code)) return 403; // UNKNOWN_USER, WRONG_PASSWORD, ACCESS_DENIED…
  if ([6, 26, 27, 32, 38, 41, 62, 69, 72, 130, 228].includes(code)) return 400; // cannot parse, syntax
  if ([46, 47, 50, 60, 63, 73, 81, 115, 118].includes(code)) return 404; // unknown table, function, setting…
  if (code === 202) return 413; // QUERY_IS_TOO_LARGE
  if (code === 48) return 501; // NOT_IMPLEMENTED
  if (code === 159) return 408; // TIMEOUT_EXCEEDED
  return 500;
}
