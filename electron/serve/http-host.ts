import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ErrorCode, WireError } from '../../shared/contract/errors';
import { eventNames } from '../../shared/contract/events';
import { methodNames } from '../../shared/contract/methods';
import { DOPPEL_REQUEST_HEADER, httpRoute, MAX_UPLOAD_BYTES } from '../../shared/contract/transport';
import { answerEngineCall, toWireError } from '../engine/api/engine-adapter';
import type { DoppelEngine } from '../engine/doppel-engine';
import type { HandoffEndpoint } from '../engine/platform/data-dir-lock';
import { ConcurrencyLimiter, decodeConcurrency } from '../engine/platform/concurrency-limiter';
import { UserError } from '../engine/user-error';
import { allowedHostNames, crossSiteProblem, hostIsAllowed } from './host-guard';
import { loopbackUrlOf } from './loopback-url';
import { loginTokenProblem, newLoginToken, tokensMatch } from './serve-token';

interface CommonHostOptions {
  engine: DoppelEngine;
  host: string;
  port: number;
  /** Fixed by DOPPEL_SERVE_TOKEN, the desktop app and tests (at least 32 characters); random per run otherwise. */
  token?: string;
  /**
   * Also answer another Doppel process of this user (the CLI), which hands its command in with a token made
   * here for that alone (see `RunningHost.handoff`). As a Bearer header only, it opens the whole API, on a
   * media-only host too; it never logs a browser in.
   */
  handoff?: boolean;
}

/**
 * `serve`: the UI, the API and media. `mediaOnly`: thumbnails and full images and nothing else, for the
 * desktop app's engine process, whose window talks to the engine over IPC and only fetches pixels by URL.
 */
export type HttpHostOptions = CommonHostOptions &
  (
    | {
        mediaOnly?: false;
        /** The built renderer (dist/renderer). */
        staticDir: string;
      }
    | { mediaOnly: true }
  );

export interface RunningHost {
  server: Server;
  url: string;
  /** The URL with the token: opening it once logs the browser in (an HttpOnly cookie). */
  loginUrl: string;
  /** What to write in the owner file for a hand-off; null without `handoff`, or when not bound to loopback. */
  handoff: HandoffEndpoint | null;
  close(): Promise<void>;
}

const COOKIE = 'doppel_token';
/** Method calls carry paths, not pixels; a bulk trash of tens of thousands of paths still fits. */
const MAX_REQUEST_BYTES = 64 * 1024 * 1024;
const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};
export const CSP =
  "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The engine over HTTP for the browser UI: the same contract as the desktop IPC, one POST route per
 * method, server-sent events, uploads for query photos, and thumbnails of indexed files. Every request
 * but the static shell needs the per-run token (cookie or Bearer header).
 */
export async function startHttpHost(options: HttpHostOptions): Promise<RunningHost> {
  const problem = options.token === undefined ? null : loginTokenProblem(options.token, 'The login token');
  if (problem) throw new Error(problem);
  const token = options.token ?? newLoginToken();
  const handoffToken = options.handoff ? newLoginToken() : null;
  const handsOff = (request: IncomingMessage) => {
    const offered = bearerOf(request);
    return handoffToken !== null && offered !== undefined && tokensMatch(offered, handoffToken);
  };
  const allowsName = allowedHostNames(options.host);
  /** The port actually bound (port 0 picks one), which the Host header must name. */
  let boundPort = options.port;
  // Rendering a thumbnail or a non-JPEG full image decodes the photo: a few at once, the rest wait their turn.
  const mediaSlots = new ConcurrencyLimiter({
    limit: decodeConcurrency(),
    maxWaiting: 256,
    busyMessage: 'Doppel is busy preparing other photos: try again in a moment.',
  });
  const sseClients = new Set<ServerResponse>();
  const stopEvents = options.engine.onEvent((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => sendError(response, error));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Before anything else, the UI included: a foreign Host is a page on another domain (DNS rebinding).
    if (!hostIsAllowed(request.headers.host, boundPort, allowsName)) {
      return sendJson(response, 421, {
        code: 'wrong-host',
        message: 'Doppel answers only at its own address: open the link printed by `doppel serve`.',
      });
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    const isMedia = url.pathname === httpRoute.thumbnail || url.pathname === httpRoute.fullImage;
    const handedOff = handsOff(request);
    if (options.mediaOnly && !isMedia && !handedOff) {
      return sendJson(response, 404, { code: 'not-found', message: 'This address serves photos only.' });
    }
    const offeredInLink = url.searchParams.get('token');
    if (
      offeredInLink !== null &&
      tokensMatch(offeredInLink, token) &&
      request.method === 'GET' &&
      !url.pathname.startsWith('/api')
    ) {
      response.setHeader('Set-Cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      url.searchParams.delete('token');
      response.writeHead(302, { Location: `${url.pathname}${url.search}` }).end();
      return;
    }
    const isApi = url.pathname.startsWith('/api/') || isMedia;
    if (!isApi) return serveStatic(url.pathname, response);
    if (!handedOff && !isAuthorised(request, token)) {
      return sendJson(response, 401, {
        code: 'unauthorized',
        message: 'Open Doppel with the link printed by `doppel serve`.',
      });
    }
    if (url.pathname === httpRoute.events) return openEventStream(request, response);
    if (isMedia) return mediaSlots.run(() => serveMedia(url, response));
    if (
      request.method !== 'POST' ||
      request.headers[DOPPEL_REQUEST_HEADER.nodeName] !== DOPPEL_REQUEST_HEADER.value
    ) {
      // The custom header forces a CORS preflight, so another site cannot post to us from a browser.
      return sendJson(response, 405, {
        code: 'method-not-allowed',
        message: `POST with ${DOPPEL_REQUEST_HEADER.name}: ${DOPPEL_REQUEST_HEADER.value}`,
      });
    }
    const crossSite = crossSiteProblem(request);
    if (crossSite) return sendJson(response, 403, { code: 'cross-site', message: crossSite });
    if (url.pathname === httpRoute.upload) {
      const bytes = await readBody(request, MAX_UPLOAD_BYTES, 'photo');
      return sendJson(response, 200, { uploadId: await options.engine.saveUpload(bytes) });
    }
    const method = methodNames.find((name) => httpRoute.method(name) === url.pathname);
    if (!method)
      return sendJson(response, 404, { code: 'not-found', message: `no such method ${url.pathname}` });
    const body = await readBody(request, MAX_REQUEST_BYTES, 'request');
    const answer = await answerEngineCall(
      options.engine,
      method,
      body.length > 0 ? JSON.parse(body.toString('utf8')) : {},
    );
    if (answer.error) return sendWireError(response, answer.error);
    sendJson(response, 200, answer.result);
  }

  function openEventStream(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    response.write(`: doppel events (${eventNames.join(', ')})\n\n`);
    sseClients.add(response);
    request.on('close', () => sseClients.delete(response));
  }

  async function serveMedia(url: URL, response: ServerResponse): Promise<void> {
    const path = url.searchParams.get('path') ?? '';
    const media =
      url.pathname === httpRoute.thumbnail
        ? await options.engine.media.thumbnail(path, Number(url.searchParams.get('size') ?? 256))
        : await options.engine.media.fullImage(path);
    if (!media)
      return sendJson(response, 404, {
        code: 'not-indexed',
        message: 'Only photos in the library are shown.',
      });
    response.writeHead(200, {
      'Content-Type': media.contentType,
      'Cache-Control': 'private, max-age=3600',
      ...(media.length === undefined ? {} : { 'Content-Length': String(media.length) }),
    });
    // An original is streamed from the checked file; a client that goes away ends (and closes) it. Not
    // awaited: a slow download is no decode work and must not hold up the next request.
    if (Buffer.isBuffer(media.body)) response.end(media.body);
    else pipeline(media.body, response).catch(() => undefined);
  }

  async function serveStatic(pathname: string, response: ServerResponse): Promise<void> {
    if (options.mediaOnly) return sendJson(response, 404, { code: 'not-found', message: 'not found' });
    const staticDir = options.staticDir;
    const relative = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname)).replace(
      /^([/\\])+/,
      '',
    );
    const file = join(staticDir, relative);
    if (!file.startsWith(staticDir + sep) || relative.includes('..')) {
      return sendJson(response, 404, { code: 'not-found', message: 'not found' });
    }
    const body = await readFile(file).catch(() => null);
    if (!body) return sendJson(response, 404, { code: 'not-found', message: 'not found' });
    response.writeHead(200, {
      'Content-Type': STATIC_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
    });
    response.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  boundPort = typeof address === 'object' && address ? address.port : options.port;
  const displayHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${displayHost}:${boundPort}`;
  const loopbackUrl =
    typeof address === 'object' && address ? loopbackUrlOf(address.address, boundPort) : null;
  return {
    server,
    url,
    loginUrl: `${url}/?token=${token}`,
    handoff: handoffToken !== null && loopbackUrl !== null ? { url: loopbackUrl, token: handoffToken } : null,
    close: async () => {
      stopEvents();
      for (const client of sseClients) client.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function bearerOf(request: IncomingMessage): string | undefined {
  return /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
}

function isAuthorised(request: IncomingMessage, token: string): boolean {
  const bearer = bearerOf(request);
  const cookie = (request.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${COOKIE}=`))
    ?.slice(COOKIE.length + 1);
  const offered = bearer ?? cookie;
  return offered !== undefined && tokensMatch(offered, token);
}

/**
 * Read a body up to `limit` bytes. Past the limit the rest is drained and dropped rather than the socket
 * destroyed, so the client gets a readable 413 instead of a reset connection.
 */
function readBody(request: IncomingMessage, limit: number, what: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () =>
      size > limit
        ? reject(
            new UserError('too-large', `The ${what} is larger than ${Math.round(limit / 1024 / 1024)} MB.`),
          )
        : resolve(Buffer.concat(chunks)),
    );
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return void response.end();
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(JSON.stringify(body));
}

/** Failures outside a method call (a body too large, unreadable JSON) in the same words as the adapter's. */
function sendError(response: ServerResponse, error: unknown): void {
  sendWireError(
    response,
    error instanceof SyntaxError
      ? { code: 'bad-request', message: `The request body is not valid JSON (${error.message}).` }
      : toWireError(error),
  );
}

function sendWireError(response: ServerResponse, error: WireError): void {
  sendJson(response, httpStatusOf(error.code), error);
}

/** Which HTTP status carries which code: the request's own faults are 4xx, the engine's refusals 409. */
function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'bad-request':
      return 400;
    case 'unauthorized':
      return 401;
    case 'not-found':
      return 404;
    case 'too-large':
      return 413;
    case 'busy':
      return 503;
    case 'failed':
      return 500;
    default:
      return 409;
  }
}
