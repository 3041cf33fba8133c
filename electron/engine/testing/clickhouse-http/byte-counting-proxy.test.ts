import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startByteCountingProxy, type ByteCountingProxy } from './byte-counting-proxy';

let upstream: Server | null = null;
let proxy: ByteCountingProxy | null = null;

afterEach(async () => {
  await proxy?.close();
  await new Promise((resolve) => (upstream ? upstream.close(resolve) : resolve(undefined)));
  upstream = proxy = null;
});

async function startUpstream(body: Buffer): Promise<number> {
  upstream = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'Content-Length': body.length }).end(body));
  });
  await new Promise<void>((resolve) => upstream!.listen(0, '127.0.0.1', resolve));
  const address = upstream.address();
  return typeof address === 'object' && address ? address.port : 0;
}

describe('startByteCountingProxy', () => {
  it('passes responses through unchanged and counts the bytes each way, headers included', async () => {
    const body = Buffer.alloc(300_000, 7);
    proxy = await startByteCountingProxy(await startUpstream(body));
    const sent = 'x'.repeat(5_000);
    const response = await fetch(proxy.url, { method: 'POST', body: sent });
    expect(Buffer.from(await response.arrayBuffer()).equals(body)).toBe(true);
    // The status line and headers add a little to the body, never less.
    expect(proxy.toClient).toBeGreaterThan(body.length);
    expect(proxy.toClient).toBeLessThan(body.length + 1_000);
    expect(proxy.toServer).toBeGreaterThan(sent.length);
    expect(proxy.toServer).toBeLessThan(sent.length + 1_000);

    const before = proxy.toClient;
    await (await fetch(proxy.url)).arrayBuffer();
    expect(proxy.toClient - before).toBeGreaterThan(body.length);
  });
});
