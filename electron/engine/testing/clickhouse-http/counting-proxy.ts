import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP proxy in front of a ClickHouse server that counts the response bytes its clients receive. */
export interface CountingProxy {
  url: string;
  /** Response bytes (headers and body, as sent on the wire) since the last reset. */
  readonly received: number;
  reset(): void;
  stop(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  let received = 0;
  const server: Server = createServer((req, res) => {
    const forwarded = request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        // Status line and headers count too: a query's fixed cost, as a real client pays it.
        received += `HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}\r\n`.length;
        for (let i = 0; i < answer.rawHeaders.length; i += 2)
          received += `${answer.rawHeaders[i]}: ${answer.rawHeaders[i + 1]}\r\n`.length;
        res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.on('data', (chunk: Buffer) => (received += chunk.length));
        answer.pipe(res);
      },
    );
    forwarded.on('error', (error) => res.destroy(error));
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get received() {
      return received;
    },
    reset: () => (received = 0),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
