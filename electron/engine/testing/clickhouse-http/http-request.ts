import type { IncomingMessage } from 'node:http';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Readable } from 'node:stream';

/** One request to ClickHouse's HTTP interface, taken apart the way the server reads it. */
export interface ClickHouseRequest {
  /** The whole statement: the `query` parameter, then the body (INSERT data, or the query itself). */
  sql: string;
  /** `param_x` values in ClickHouse's text form, unparsed: the server gives them their type's meaning. */
  params: Map<string, string>;
  /** Every other URL parameter that is not the interface's own: a query-level setting. */
  settings: Map<string, string>;
  database: string | null;
  defaultFormat: string | null;
  queryId: string | null;
  credentials: { user: string; password: string };
  /** The client asked for a compressed answer (enable_http_compression=1) and named the codecs it takes. */
  acceptEncoding: string | null;
}

/** URL parameters the interface reads itself; they never reach the engine as settings. */
const INTERFACE_PARAMETERS = new Set([
  'query',
  'database',
  'default_format',
  'user',
  'password',
  'quota_key',
  'query_id',
  'session_id',
  'session_timeout',
  'session_check',
  'compress',
  'decompress',
  'buffer_size',
  'role',
  'stacktrace',
]);

/** Settings of the HTTP layer only: the embedded engine does not know them and would refuse them. */
const HTTP_ONLY_SETTINGS = new Set([
  'wait_end_of_query',
  'enable_http_compression',
  'send_progress_in_http_headers',
  'http_response_buffer_size',
  'http_headers_progress_interval_ms',
  'http_send_progress_interval_ms',
  'http_zlib_compression_level',
  'http_response_compression_method',
  'http_native_compression_disable_checksumming_on_decompress',
  'cancel_http_readonly_queries_on_client_close',
  'add_http_cors_header',
]);

/** The body is read whole (a test server): cap it so a runaway client cannot take the machine's memory. */
const MAX_BODY_BYTES = 256 * 1024 * 1024;

export class RequestProblem extends Error {
  constructor(
    readonly code: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export async function readClickHouseRequest(request: IncomingMessage): Promise<ClickHouseRequest> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const body = await readBody(request);
  const params = new Map<string, string>();
  const settings = new Map<string, string>();
  for (const [key, value] of url.searchParams) {
    if (key.startsWith('param_')) params.set(key.slice('param_'.length), value);
    else if (!INTERFACE_PARAMETERS.has(key) && !HTTP_ONLY_SETTINGS.has(key)) settings.set(key, value);
  }
  let sql: string;
  const boundary = multipartBoundary(request.headers['content-type']);
  if (boundary) {
    // A multipart body carries the query and the parameters that were too long for the URL.
    const fields = parseMultipart(body, boundary);
    for (const [name, value] of fields) if (name.startsWith('param_')) params.set(name.slice(6), value);
    sql = joinQuery(url.searchParams.get('query'), fields.get('query') ?? '');
  } else {
    sql = joinQuery(url.searchParams.get('query'), body.toString('utf8'));
  }
  if (sql.trim() === '') throw new RequestProblem(62, 'SYNTAX_ERROR', 'Empty query');
  const compression = url.searchParams.get('enable_http_compression') === '1';
  return {
    sql,
    params,
    settings,
    database: url.searchParams.get('database'),
    defaultFormat: url.searchParams.get('default_format'),
    queryId: url.searchParams.get('query_id'),
    credentials: credentialsOf(request, url),
    acceptEncoding: compression ? String(request.headers['accept-encoding'] ?? '') : null,
  };
}

/** The server reads the `query` parameter and the body as one text: the body continues the statement. */
function joinQuery(fromUrl: string | null, fromBody: string): string {
  if (fromUrl === null || fromUrl === '') return fromBody;
  return fromBody === '' ? fromUrl : `${fromUrl}\n${fromBody}`;
}

/** X-ClickHouse-User/Key headers, basic auth, or user/password URL parameters; the default user otherwise. */
function credentialsOf(request: IncomingMessage, url: URL): { user: string; password: string } {
  const headerUser = request.headers['x-clickhouse-user'];
  if (typeof headerUser === 'string') {
    const key = request.headers['x-clickhouse-key'];
    return { user: headerUser, password: typeof key === 'string' ? key : '' };
  }
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0
      ? { user: decoded, password: '' }
      : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  return {
    user: url.searchParams.get('user') ?? 'default',
    password: url.searchParams.get('password') ?? '',
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const encoding = String(request.headers['content-encoding'] ?? '').toLowerCase();
  let stream: Readable = request;
  if (encoding === 'gzip') stream = request.pipe(createGunzip());
  else if (encoding === 'deflate') stream = request.pipe(createInflate());
  else if (encoding === 'br') stream = request.pipe(createBrotliDecompress());
  else if (encoding !== '' && encoding !== 'identity')
    throw new RequestProblem(
      1,
      'UNKNOWN_EXCEPTION',
      `Unknown Content-Encoding of HTTP request: ${encoding.slice(0, 40)}`,
    );
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES)
        throw new RequestProblem(202, 'QUERY_IS_TOO_LARGE', 'The request body is too large');
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof RequestProblem) throw error;
    throw new RequestProblem(
      354,
      'CANNOT_DECOMPRESS',
      `Cannot read the request body: ${(error as Error).message}`,
    );
  }
  return Buffer.concat(chunks);
}

function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return null;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]!) : null;
}

/** Named fields of a multipart/form-data body (values as text; the interface has no use for files here). */
export function parseMultipart(body: Buffer, boundary: string): Map<string, string> {
  const fields = new Map<string, string>();
  const text = body.toString('utf8');
  const delimiter = `--${boundary}`;
  for (const part of text.split(delimiter).slice(1)) {
    if (part.startsWith('--')) break;
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) continue;
    const name = /name="([^"]*)"/i.exec(part.slice(0, headerEnd))?.[1];
    if (name === undefined) continue;
    // Each value ends with the CRLF that precedes the next delimiter.
    fields.set(name, part.slice(headerEnd + 4).replace(/\r\n$/, ''));
  }
  return fields;
}
