import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DoppelEngine } from '../engine/doppel-engine';
import { startHttpHost, type RunningHost } from './http-host';
import { rawRequest } from './testing/raw-request';

const TOKEN = '0123456789abcdef0123456789abcdef';

/** The status of a GET to the event stream, which stays open: read the head and hang up. */
function eventStreamStatus(base: string, token: string): Promise<number> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: '/api/events',
        headers: { Authorization: `Bearer ${token}` },
      },
      (response) => {
        resolve(response.statusCode ?? 0);
        request.destroy();
      },
    );
    request.on('error', (error) => (request.destroyed ? undefined : reject(error)));
    request.end();
  });
}

/**
 * The hand-off token (another Doppel process of this user running its command here): the whole API as a
 * Bearer header, on serve and on the desktop's media-only host, behind the same Host, X-Doppel and Origin
 * guards as the browser, and never a way to log a browser in.
 */
describe('HTTP host hand-off', () => {
  let work: string;
  let engine: DoppelEngine;
  const hosts: RunningHost[] = [];
  let staticDir: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-http-handoff-'));
    staticDir = join(work, 'static');
    await mkdir(staticDir, { recursive: true });
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Doppel</title>');
    engine = await DoppelEngine.open({ dataDir: join(work, 'data'), role: 'test', model: 'none' });
  });
  afterAll(async () => {
    for (const host of hosts) await host.close();
    await engine?.close();
    await rm(work, { recursive: true, force: true });
  });

  async function start(options: {
    mediaOnly?: boolean;
    host?: string;
    handoff?: boolean;
  }): Promise<RunningHost> {
    const common = {
      engine,
      host: options.host ?? '127.0.0.1',
      port: 0,
      token: TOKEN,
      handoff: options.handoff,
    };
    const host = await startHttpHost(
      options.mediaOnly ? { ...common, mediaOnly: true } : { ...common, staticDir },
    );
    hosts.push(host);
    return host;
  }

  const status = (base: string, headers: Record<string, string>) =>
    rawRequest(base, '/api/status', { method: 'POST', headers: { 'X-Doppel': '1', ...headers }, body: '{}' });

  it('serve makes a token of its own for a hand-off and answers the API to it, behind the same guards', async () => {
    const host = await start({ handoff: true });
    const handoff = host.handoff!;
    expect(handoff.url).toBe(host.url);
    expect(handoff.token).toMatch(/^[a-f0-9]{32}$/);
    expect(handoff.token).not.toBe(TOKEN);
    const bearer = { Authorization: `Bearer ${handoff.token}` };

    const answered = await status(host.url, bearer);
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.body)).toMatchObject({ images: 0, dataDir: join(work, 'data') });
    expect(await eventStreamStatus(host.url, handoff.token)).toBe(200);
    // The guards every API call meets: its own Host, the X-Doppel header, no other site's Origin.
    expect((await status(host.url, { ...bearer, Host: 'evil.example' })).status).toBe(421);
    expect(
      (await rawRequest(host.url, '/api/status', { method: 'POST', headers: bearer, body: '{}' })).status,
    ).toBe(405);
    expect((await status(host.url, { ...bearer, Origin: 'http://evil.example' })).status).toBe(403);
    // A Bearer header only: not a cookie, and not the login link, so no browser is ever logged in with it.
    expect((await status(host.url, { Cookie: `doppel_token=${handoff.token}` })).status).toBe(401);
    const login = await rawRequest(host.url, `/?token=${handoff.token}`);
    expect(login.headers['set-cookie']).toBeUndefined();
    // The user's own token still works as before.
    expect((await status(host.url, { Authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });

  it('a media-only host answers the API to the hand-off token only, and media to its own as before', async () => {
    const host = await start({ mediaOnly: true, handoff: true });
    const handoff = host.handoff!;
    expect(handoff.url).toBe(host.url);
    expect((await status(host.url, { Authorization: `Bearer ${handoff.token}` })).status).toBe(200);
    expect(await eventStreamStatus(host.url, handoff.token)).toBe(200);
    const withMediaToken = await status(host.url, { Authorization: `Bearer ${TOKEN}` });
    expect(withMediaToken.status).toBe(404);
    expect(JSON.parse(withMediaToken.body)).toMatchObject({ code: 'not-found' });
    expect(await eventStreamStatus(host.url, TOKEN)).toBe(404);
    // Media: main's token, as before (404: not a library photo, so it got past the token).
    const thumb = (token: string) =>
      rawRequest(host.url, '/thumb?path=%2Fetc%2Fpasswd', { headers: { Authorization: `Bearer ${token}` } });
    expect((await thumb(TOKEN)).status).toBe(404);
    expect((await thumb('f'.repeat(32))).status).toBe(401);
  });

  it('advertises no hand-off unless asked, and a loopback one when bound to every address', async () => {
    const plain = await start({});
    expect(plain.handoff).toBeNull();
    const everywhere = await start({ host: '0.0.0.0', handoff: true });
    const port = new URL(everywhere.url).port;
    expect(everywhere.handoff?.url).toBe(`http://127.0.0.1:${port}`);
    expect(
      (await status(everywhere.handoff!.url, { Authorization: `Bearer ${everywhere.handoff!.token}` }))
        .status,
    ).toBe(200);
  });
});
