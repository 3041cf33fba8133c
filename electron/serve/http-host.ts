import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZodError } from 'zod';
import { eventNames } from '../../shared/contract/events';
import { engineMethods, methodNames } from '../../shared/contract/methods';
import { httpRoute, type WireError } from '../../shared/contract/transport';
import type { DoppelEngine } from '../engine/doppel-engine';
import { UserError } from '../engine/user-error';

export interface HttpHostOptions {
  engine: DoppelEngine;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  host: string;
  port: number;
  /** Fixed in tests; random per run otherwise. */
  token?: string;
}

export interface RunningHost {
  server: Server;
  url: string;
  /** The URL with the token: opening it once logs the browser in (an HttpOnly cookie). */
  loginUrl: string;
  close(): Promise<void>;
}

const COOKIE = 'doppel_token';
const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
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
const CSP =
  "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'";

/**
 * The engine over HTTP for the browser UI: the same contract as the desktop IPC, one POST route per
 * method, server-sent events, uploads for query photos, and thumbnails of indexed files. Every request
 * but the static shell needs the per-run token (cookie or Bearer header).
 */
export async function startHttpHost(options: HttpHostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(16).toString('hex');
  const sseClients = new Set<ServerResponse>();
  const stopEvents = options.engine.onEvent((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => sendError(response, error));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (
      url.searchParams.get('token') === token &&
      request.method === 'GET' &&
      !url.pathname.startsWith('/api')
    ) {
      response.setHeader('Set-Cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      url.searchParams.delete('token');
      response.writeHead(302, { Location: `${url.pathname}${url.search}` }).end();
      return;
    }
    const isApi =
      url.pathname.startsWith('/api/') ||
      url.pathname === httpRoute.thumbnail ||
      url.pathname === httpRoute.fullImage;
    if (!isApi) return serveStatic(url.pathname, response);
    if (!isAuthorised(request, token)) {
      return sendJson(response, 401, {
        code: 'unauthorised',
        message: 'Open Doppel with the link printed by `doppel serve`.',
      });
    }
    if (url.pathname === httpRoute.events) return openEventStream(request, response);
    if (url.pathname === httpRoute.thumbnail || url.pathname === httpRoute.fullImage)
      return serveMedia(url, response);
    if (request.method !== 'POST' || request.headers['x-doppel'] !== '1') {
      // The custom header forces a CORS preflight, so another site cannot post to us from a browser.
      return sendJson(response, 405, { code: 'method', message: 'POST with X-Doppel: 1' });
    }
    if (url.pathname === httpRoute.upload) {
      const bytes = await readBody(request, MAX_UPLOAD_BYTES, 'photo');
      return sendJson(response, 200, { uploadId: await options.engine.saveUpload(bytes) });
    }
    const method = methodNames.find((name) => httpRoute.method(name) === url.pathname);
    if (!method)
      return sendJson(response, 404, { code: 'not-found', message: `no such method ${url.pathname}` });
    const body = await readBody(request, MAX_REQUEST_BYTES, 'request');
    const input = engineMethods[method].request.parse(
      body.length > 0 ? JSON.parse(body.toString('utf8')) : {},
    );
    const handler = options.engine[method] as (request: unknown) => Promise<unknown>;
    sendJson(response, 200, await handler.call(options.engine, input));
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
    const relative = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname)).replace(
      /^([/\\])+/,
      '',
    );
    const file = join(options.staticDir, relative);
    if (!file.startsWith(options.staticDir + sep) || relative.includes('..')) {
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
  const port = typeof address === 'object' && address ? address.port : options.port;
  const displayHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${displayHost}:${port}`;
  return {
    server,
    url,
    loginUrl: `${url}/?token=${token}`,
    close: async () => {
      stopEvents();
      for (const client of sseClients) client.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function isAuthorised(request: IncomingMessage, token: string): boolean {
  const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  const cookie = (request.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === COOKIE)?.[1];
  const offered = bearer ?? cookie ?? '';
  return offered.length === token.length && timingSafeEqual(Buffer.from(offered), Buffer.from(token));
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

function sendError(response: ServerResponse, error: unknown): void {
  const wire: WireError =
    error instanceof ZodError
      ? {
          code: 'bad-request',
          message: `invalid request: ${error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
        }
      : error instanceof SyntaxError
        ? { code: 'bad-request', message: `The request body is not valid JSON (${error.message}).` }
        : {
            code: error instanceof UserError ? error.code : 'failed',
            message: (error as Error).message ?? String(error),
          };
  const status =
    wire.code === 'bad-request'
      ? 400
      : wire.code === 'too-large'
        ? 413
        : error instanceof UserError
          ? 409
          : 500;
  sendJson(response, status, wire);
}
