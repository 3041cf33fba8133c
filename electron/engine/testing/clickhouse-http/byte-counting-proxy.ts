import { connect, createServer, type Socket } from 'node:net';

/**
 * A TCP pass-through in front of a server that counts the bytes going each way: what the server sends the
 * client (responses, headers included, as on the wire) and what the client sends it. The server stays the
 * repo's own ClickHouse HTTP test server, untouched; the engine connects to the proxy's port instead.
 */
export interface ByteCountingProxy {
  url: string;
  /** Bytes the server has sent the client so far. */
  readonly toClient: number;
  /** Bytes the client has sent the server so far. */
  readonly toServer: number;
  close(): Promise<void>;
}

export async function startByteCountingProxy(upstreamPort: number): Promise<ByteCountingProxy> {
  let toClient = 0;
  let toServer = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(upstreamPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      // Either side closing or failing ends the other: the client sees the connection drop, as it would.
      socket.once('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    upstream.on('data', (chunk: Buffer) => (toClient += chunk.length));
    client.on('data', (chunk: Buffer) => (toServer += chunk.length));
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    get toClient() {
      return toClient;
    },
    get toServer() {
      return toServer;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
