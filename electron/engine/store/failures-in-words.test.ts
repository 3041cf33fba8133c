import { createClient, ClickHouseLogLevel } from '@clickhouse/client';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { withFailuresInWords } from './failures-in-words';

/** A server that starts an answer and dies in the middle of it, as a ClickHouse server killed mid-read. */
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'Content-Type': 'application/octet-stream' });
    response.write(Buffer.alloc(64 * 1024, 1));
    setTimeout(() => response.socket?.destroy(), 50);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('says in words that the server went away while a result was streaming', async () => {
  const target = {
    kind: 'server' as const,
    server: { url, user: 'default', password: '', database: 'doppel' },
  };
  const client = withFailuresInWords(createClient({ url, log: { level: ClickHouseLogLevel.OFF } }), target);
  try {
    const result = await client.exec({ query: 'SELECT hash, vector FROM doppel.photos FORMAT RowBinary' });
    const read = async () => {
      for await (const chunk of result.stream) void chunk;
    };
    await expect(read()).rejects.toThrow(
      /^Cannot reach the ClickHouse server at http:\/\/127\.0\.0\.1:\d+: is it running\?/,
    );
  } finally {
    await client.close();
  }
});
