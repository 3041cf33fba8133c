import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { allowedHostNames, crossSiteProblem, hostIsAllowed } from './host-guard';

const PORT = 4870;

function allowed(boundHost: string, header: string): boolean {
  return hostIsAllowed(header, PORT, allowedHostNames(boundHost, 'Studio-Mac.fritz.box'));
}

describe('Host check', () => {
  it('on loopback, accepts the loopback names with our port and nothing else', () => {
    for (const header of [
      '127.0.0.1:4870',
      'localhost:4870',
      'LOCALHOST:4870',
      '[::1]:4870',
      'localhost.:4870',
    ])
      expect(allowed('127.0.0.1', header), header).toBe(true);
    for (const header of [
      'evil.example:4870',
      'localhost:4871',
      'localhost',
      '192.168.1.20:4870',
      'studio-mac:4870',
      'studio-mac.local:4870',
      '[::ffff:7f00:1]x:4870',
      'localhost:4870:4870',
      '',
    ])
      expect(allowed('127.0.0.1', header), header).toBe(false);
    expect(hostIsAllowed(undefined, PORT, allowedHostNames('127.0.0.1'))).toBe(false);
  });

  it.each(['0.0.0.0', '::', '192.168.1.20'])(
    'opened to a LAN on %s, also accepts IP literals and this machine’s own name',
    (boundHost) => {
      for (const header of [
        '192.168.1.20:4870',
        '10.0.0.7:4870',
        '[fe80::1]:4870',
        'studio-mac.fritz.box:4870',
        'studio-mac:4870',
        'Studio-Mac.local:4870',
        'localhost:4870',
      ])
        expect(allowed(boundHost, header), header).toBe(true);
      for (const header of [
        'evil.example:4870',
        'studio-mac.evil.example:4870',
        '192.168.1.20:80',
        'nas:4870',
      ])
        expect(allowed(boundHost, header), header).toBe(false);
    },
  );

  it('accepts a Host without a port only on port 80', () => {
    expect(hostIsAllowed('localhost', 80, allowedHostNames('127.0.0.1'))).toBe(true);
    expect(hostIsAllowed('localhost', 8080, allowedHostNames('127.0.0.1'))).toBe(false);
  });
});

describe('cross-site check', () => {
  const request = (headers: Record<string, string | undefined>) =>
    ({ headers: { host: 'localhost:4870', ...headers } }) as unknown as IncomingMessage;

  it('refuses other origins and cross-site or same-site fetches', () => {
    for (const headers of [
      { origin: 'http://evil.example' },
      { origin: 'https://localhost:4870' },
      { origin: 'http://localhost:3000' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ])
      expect(crossSiteProblem(request(headers)), JSON.stringify(headers)).toMatch(/other sites are refused/);
  });

  it('lets the page’s own calls and tools without browser headers through', () => {
    for (const headers of [
      { origin: 'http://localhost:4870', 'sec-fetch-site': 'same-origin' },
      { origin: 'http://LOCALHOST:4870' },
      { 'sec-fetch-site': 'none' },
      {},
    ])
      expect(crossSiteProblem(request(headers)), JSON.stringify(headers)).toBeNull();
  });
});
