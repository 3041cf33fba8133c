import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative, sep } from 'node:path';

export interface FakeHubRequest {
  method: string;
  path: string;
  range: string | null;
}

export interface FakeModelHub {
  /** Ends with '/', like DOPPEL_MODEL_HOST. */
  host: string;
  requests: FakeHubRequest[];
  /** The next GET of this file is cut (socket destroyed) after this many bytes; once per entry. */
  dropAfter: Map<string, number>;
  /** GETs of these files serve bytes that differ from the advertised checksum. */
  corrupt: Set<string>;
  /** Leave sizes out of HEAD answers (no x-linked-size, no Content-Length), as some mirrors do. */
  hideSizes: boolean;
  close(): Promise<void>;
}

/**
 * A local stand-in for the Hugging Face hub that serves a model folder in its URL layout,
 * `{host}{repo}/resolve/{revision}/{file}`. Like the hub, `.onnx` files are LFS objects: the resolve URL
 * redirects to a CDN path and carries x-linked-size and x-linked-etag (the sha256); other files answer
 * directly with a git-style etag. Range requests are honoured.
 */
export async function startFakeModelHub(modelDir: string, repo: string): Promise<FakeModelHub> {
  const files = new Map<string, Buffer>();
  for (const path of listFiles(modelDir))
    files.set(relative(modelDir, path).split(sep).join('/'), readFileSync(path));
  const requests: FakeHubRequest[] = [];
  const dropAfter = new Map<string, number>();
  const corrupt = new Set<string>();
  const resolvePrefix = `/${repo}/resolve/main/`;

  const state = { hideSizes: false };
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    requests.push({ method: request.method ?? 'GET', path, range: request.headers.range ?? null });
    const isCdn = path.startsWith('/cdn/');
    const file = isCdn
      ? path.slice('/cdn/'.length)
      : path.startsWith(resolvePrefix)
        ? path.slice(resolvePrefix.length)
        : null;
    const bytes = file === null ? undefined : files.get(file);
    if (file === null || !bytes) {
      response.writeHead(404).end('Entry not found');
      return;
    }
    const lfs = file.endsWith('.onnx');
    if (lfs && !isCdn) {
      response.writeHead(302, {
        location: `/cdn/${file}`,
        ...(state.hideSizes ? {} : { 'x-linked-size': String(bytes.length) }),
        'x-linked-etag': `"${createHash('sha256').update(bytes).digest('hex')}"`,
        'content-length': '0',
      });
      response.end();
      return;
    }
    let body = bytes;
    if (corrupt.has(file)) {
      body = Buffer.from(bytes);
      body[body.length >> 1] = body[body.length >> 1]! ^ 0xff;
    }
    let status = 200;
    const headers: Record<string, string> = {
      etag: `"${createHash('sha1').update(bytes).digest('hex')}"`,
      'accept-ranges': 'bytes',
    };
    const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
    if (range) {
      const start = Number(range[1]);
      if (start >= body.length) {
        response.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
        return;
      }
      headers['content-range'] = `bytes ${start}-${body.length - 1}/${body.length}`;
      body = body.subarray(start);
      status = 206;
    }
    if (request.method === 'HEAD') {
      if (!state.hideSizes) headers['content-length'] = String(body.length);
      response.writeHead(status, headers);
      response.end();
      return;
    }
    headers['content-length'] = String(body.length);
    response.writeHead(status, headers);
    const cut = dropAfter.get(file);
    if (cut !== undefined) {
      dropAfter.delete(file);
      response.write(body.subarray(0, cut), () => setTimeout(() => request.socket.destroy(), 20));
      return;
    }
    // Several writes, so a client sees the bytes grow.
    const chunk = 16 * 1024;
    for (let offset = 0; offset < body.length; offset += chunk)
      response.write(body.subarray(offset, offset + chunk));
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `http://127.0.0.1:${port}/`,
    requests,
    dropAfter,
    corrupt,
    get hideSizes() {
      return state.hideSizes;
    },
    set hideSizes(value: boolean) {
      state.hideSizes = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
