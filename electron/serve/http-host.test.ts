import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import type { OutgoingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DoppelEngine } from '../engine/doppel-engine';
import { openTestEngine } from '../engine/testing/test-engine';
import { decodeConcurrency } from '../engine/platform/concurrency-limiter';
import { photoLikePixels, rawImage, writeImage } from '../engine/testing/photo-fixtures';
import { startHttpHost, type RunningHost } from './http-host';
import { rawRequest } from './testing/raw-request';

const TOKEN = '0123456789abcdef0123456789abcdef';

/**
 * The browser host's guard rails against a real engine (tiny model, embedded ClickHouse in a temp folder):
 * media of indexed files only, the token on every API call, the custom header on every POST, no way out of
 * the static folder, and clear 400s for bad requests.
 */
describe('HTTP host security', () => {
  let work: string;
  let engine: DoppelEngine;
  let host: RunningHost;
  let mediaHost: RunningHost;
  let inside: string;
  let outside: string;
  let library: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-http-'));
    library = join(work, 'Photos');
    inside = join(library, 'a.jpg');
    outside = join(work, 'private', 'secret.jpg');
    await writeImage(inside, rawImage(photoLikePixels(11)).jpeg({ quality: 90 }));
    await writeImage(join(library, 'b.jpg'), rawImage(photoLikePixels(12)).jpeg({ quality: 90 }));
    await writeImage(outside, rawImage(photoLikePixels(13)).jpeg({ quality: 90 }));
    // An alias of the library folder and a link to the private photo, both outside the library.
    await symlink(library, join(work, 'alias'));
    await symlink(outside, join(work, 'link-to-secret.jpg'));
    const staticDir = join(work, 'static');
    await mkdir(staticDir, { recursive: true });
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Doppel</title>');
    await writeFile(join(work, 'static-secret.txt'), 'not for the browser');
    engine = await openTestEngine(work);
    await engine.indexFolders({ paths: [library] });
    host = await startHttpHost({ engine, staticDir, host: '127.0.0.1', port: 0, token: TOKEN });
    mediaHost = await startHttpHost({ engine, mediaOnly: true, host: '127.0.0.1', port: 0, token: TOKEN });
  });

  afterAll(async () => {
    await host?.close();
    await mediaHost?.close();
    await engine?.close();
    await rm(work, { recursive: true, force: true });
  });

  const auth = { Authorization: `Bearer ${TOKEN}` };
  const media = (route: string, path: string) =>
    fetch(`${host.url}${route}?path=${encodeURIComponent(path)}&size=128`, { headers: auth });

  it('serves a thumbnail and the full image of an indexed photo', async () => {
    const thumb = await media('/thumb', inside);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/jpeg');
    expect((await thumb.arrayBuffer()).byteLength).toBeGreaterThan(100);
    expect((await media('/image', inside)).status).toBe(200);
  });

  it.each(['/thumb', '/image'])(
    '%s refuses paths outside the library, however they are spelled',
    async (route) => {
      const attempts = [
        outside,
        join(library, '..', 'private', 'secret.jpg'),
        `${library}/../private/secret.jpg`,
        `${library}/./a.jpg/../../private/secret.jpg`,
        join(work, 'alias', 'a.jpg'),
        join(work, 'link-to-secret.jpg'),
        '/etc/passwd',
        'a.jpg',
        '',
      ];
      for (const path of attempts) {
        const response = await media(route, path);
        expect(response.status, path).toBe(404);
        expect(await response.json()).toMatchObject({ code: 'not-indexed' });
      }
      // Encoded traversal in the raw query string decodes to a path the library does not hold either.
      const raw = await fetch(`${host.url}${route}?path=${library}%2F..%2Fprivate%2Fsecret.jpg`, {
        headers: auth,
      });
      expect(raw.status).toBe(404);
      const doubled = await fetch(`${host.url}${route}?path=${library}%252F..%252Fprivate%252Fsecret.jpg`, {
        headers: auth,
      });
      expect(doubled.status).toBe(404);
    },
  );

  it('a silly thumbnail size still gets a thumbnail', async () => {
    const response = await fetch(`${host.url}/thumb?path=${encodeURIComponent(inside)}&size=abc`, {
      headers: auth,
    });
    expect(response.status).toBe(200);
  });

  it('requires the per-run token for the API and media, and refuses a wrong one', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${host.url}/api/status`, {
        method: 'POST',
        headers: { 'X-Doppel': '1', ...headers },
        body: '{}',
      });
    expect((await post({})).status).toBe(401);
    expect((await post({ Authorization: 'Bearer ' + 'f'.repeat(32) })).status).toBe(401);
    expect((await post({ Authorization: 'Bearer short' })).status).toBe(401);
    expect((await post({ Cookie: `doppel_token=${'0'.repeat(32)}` })).status).toBe(401);
    expect((await post({ Cookie: `doppel_token=${TOKEN}` })).status).toBe(200);
    expect((await post(auth)).status).toBe(200);
    expect((await fetch(`${host.url}/thumb?path=${encodeURIComponent(inside)}`)).status).toBe(401);
    expect((await fetch(`${host.url}/api/events`)).status).toBe(401);
  });

  it('logs a browser in from the printed link with an HttpOnly cookie', async () => {
    const response = await fetch(host.loginUrl, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('set-cookie')).toMatch(/doppel_token=.*HttpOnly; SameSite=Strict/);
    expect(response.headers.get('location')).not.toContain(TOKEN);
    const wrong = await fetch(`${host.url}/?token=${'f'.repeat(32)}`, { redirect: 'manual' });
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a POST without X-Doppel and a GET to a method, so other sites cannot drive it', async () => {
    const noHeader = await fetch(`${host.url}/api/trash`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'text/plain' },
      body: JSON.stringify({ paths: [inside] }),
    });
    expect(noHeader.status).toBe(405);
    expect((await fetch(`${host.url}/api/status`, { headers: { ...auth, 'X-Doppel': '1' } })).status).toBe(
      405,
    );
    expect((await media('/thumb', inside)).status).toBe(200); // nothing was trashed
  });

  it('answers bad JSON and invalid requests with 400 and a clear message', async () => {
    const call = (method: string, body: string) =>
      fetch(`${host.url}/api/${method}`, { method: 'POST', headers: { ...auth, 'X-Doppel': '1' }, body });
    const badJson = await call('duplicates', '{"maxDistance": ');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({
      code: 'bad-request',
      message: expect.stringMatching(/not valid JSON/),
    });
    const invalid = await call('trash', JSON.stringify({ paths: 'a.jpg' }));
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).message).toMatch(/paths/);
    const unknown = await call('deleteEverything', '{}');
    expect(unknown.status).toBe(404);
  });

  it('trashes only indexed files', async () => {
    const response = await fetch(`${host.url}/api/trash`, {
      method: 'POST',
      headers: { ...auth, 'X-Doppel': '1' },
      body: JSON.stringify({ paths: [outside] }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      trashed: [],
      failed: [{ path: outside, error: 'not in the library' }],
      actionId: null,
      restorable: false,
    });
  });

  it('serves the static shell with its CSP and nothing outside the static folder', async () => {
    const index = await fetch(`${host.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    for (const path of [
      '/../static-secret.txt',
      '/%2e%2e/static-secret.txt',
      '/%2e%2e%2fstatic-secret.txt',
      '/..%5cstatic-secret.txt',
      '/static/../../static-secret.txt',
      `/${encodeURIComponent(join(work, 'static-secret.txt'))}`,
      '//etc/passwd',
    ]) {
      const response = await fetch(`${host.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('not for the browser');
    }
  });
  it('answers an oversized request with a readable 413, not a reset connection', async () => {
    const huge = JSON.stringify({ paths: [inside, 'x'.repeat(65 * 1024 * 1024)] });
    const response = await fetch(`${host.url}/api/trash`, {
      method: 'POST',
      headers: { ...auth, 'X-Doppel': '1', 'Content-Type': 'application/json' },
      body: huge,
    });
    expect(response.status).toBe(413);
    expect((await response.json()).message).toMatch(/larger than 64 MB/);
  });

  const port = () => new URL(host.url).port;
  const post = (path: string, headers: OutgoingHttpHeaders, body = '{}') =>
    rawRequest(host.url, path, {
      method: 'POST',
      headers: { ...auth, 'X-Doppel': '1', 'Content-Type': 'application/json', ...headers },
      body,
    });

  it('answers only to its own names: a foreign Host gets 421 for the UI, the login link, the API and media', async () => {
    const thumb = `/thumb?path=${encodeURIComponent(inside)}`;
    for (const foreign of [
      'evil.example',
      `evil.example:${port()}`,
      `localhost.evil.example:${port()}`,
      `127.0.0.1.nip.io:${port()}`,
      `192.168.1.20:${port()}`, // an IP literal is fine only when serving a LAN
      `127.0.0.1:${Number(port()) + 1}`,
      `localhost:${port()}@evil.example`,
      '',
    ]) {
      const headers = { Host: foreign };
      const index = await rawRequest(host.url, '/', { headers });
      expect(index.status, foreign).toBe(421);
      expect(index.body).not.toContain('<title>Doppel');
      const login = await rawRequest(host.url, `/?token=${TOKEN}`, { headers });
      expect(login.status, foreign).toBe(421);
      expect(login.headers['set-cookie']).toBeUndefined();
      const api = await post('/api/status', headers);
      expect(api.status, foreign).toBe(421);
      expect(JSON.parse(api.body)).toEqual({
        code: 'wrong-host',
        message: 'Doppel answers only at its own address: open the link printed by `doppel serve`.',
      });
      expect((await rawRequest(host.url, thumb, { headers: { ...headers, ...auth } })).status).toBe(421);
    }
    for (const own of [
      `127.0.0.1:${port()}`,
      `localhost:${port()}`,
      `LocalHost:${port()}`,
      `[::1]:${port()}`,
    ]) {
      expect((await post('/api/status', { Host: own })).status, own).toBe(200);
      expect((await rawRequest(host.url, '/', { headers: { Host: own } })).status, own).toBe(200);
    }
  });

  it('refuses method calls and uploads from another site (Origin, Sec-Fetch-Site), and nothing is saved', async () => {
    const own = `http://127.0.0.1:${port()}`;
    for (const headers of [
      { Origin: 'http://evil.example' },
      { Origin: `http://localhost:${Number(port()) + 1}` },
      { Origin: `http://localhost:${port()}` }, // the Host says 127.0.0.1: another origin
      { Origin: 'null' },
      { Origin: own, 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' }, // another port on this machine is the same site
    ]) {
      const call = await post('/api/trash', headers, JSON.stringify({ paths: [inside] }));
      expect(call.status, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(call.body)).toMatchObject({
        code: 'cross-site',
        message: expect.stringMatching(/^Requests from other sites are refused/),
      });
      const upload = await post('/api/upload', headers, 'not really a photo');
      expect(upload.status, JSON.stringify(headers)).toBe(403);
    }
    expect(await readdir(join(work, 'data', 'uploads')).catch(() => [])).toEqual([]);
    expect((await media('/thumb', inside)).status).toBe(200); // nothing was trashed
    // The UI's own calls, a browser's address-bar fetch, and tools that send neither header all pass.
    for (const headers of [
      { Origin: own, 'Sec-Fetch-Site': 'same-origin' },
      { 'Sec-Fetch-Site': 'none' },
      {},
    ]) {
      expect((await post('/api/status', headers)).status, JSON.stringify(headers)).toBe(200);
    }
  });

  it('answers a non-ASCII token of the right length with 401, not a crash that leaks the length', async () => {
    const sameLength = 'é'.repeat(TOKEN.length);
    const call = (headers: Record<string, string | undefined>) =>
      fetch(`${host.url}/api/status`, {
        method: 'POST',
        headers: { 'X-Doppel': '1', ...headers },
        body: '{}',
      });
    for (const headers of [
      { Authorization: `Bearer ${sameLength}` },
      { Cookie: `doppel_token=${sameLength}` },
    ]) {
      const response = await call(headers);
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'unauthorized' });
    }
    const link = await fetch(`${host.url}/?token=${encodeURIComponent(sameLength)}`, { redirect: 'manual' });
    expect(link.headers.get('set-cookie')).toBeNull();
  });

  it('will not start with an empty or short token', async () => {
    for (const token of ['', 'short']) {
      await expect(
        startHttpHost({ engine, mediaOnly: true, host: '127.0.0.1', port: 0, token }),
      ).rejects.toThrow(/login token/);
    }
  });

  it('a media-only host serves thumbnails and photos, with the token, and no API, pages or login', async () => {
    const get = (path: string, headers: OutgoingHttpHeaders = auth) =>
      rawRequest(mediaHost.url, path, { headers });
    const thumb = `/thumb?path=${encodeURIComponent(inside)}&size=64`;
    expect((await get(thumb)).status).toBe(200);
    expect((await get(`/image?path=${encodeURIComponent(inside)}`)).status).toBe(200);
    expect((await get(thumb, {})).status).toBe(401);
    for (const path of [
      '/api/status',
      '/api/getSettings',
      '/api/events',
      '/api/upload',
      '/',
      '/index.html',
    ]) {
      const response = await rawRequest(mediaHost.url, path, {
        method: path === '/api/events' || !path.startsWith('/api') ? 'GET' : 'POST',
        headers: { ...auth, 'X-Doppel': '1' },
        body: path.startsWith('/api/') && path !== '/api/events' ? '{}' : undefined,
      });
      expect(response.status, path).toBe(404);
      expect(JSON.parse(response.body)).toMatchObject({ code: 'not-found' });
    }
    const login = await get(`/?token=${TOKEN}`, {});
    expect(login.status).toBe(404);
    expect(login.headers['set-cookie']).toBeUndefined();
    expect((await get(thumb, { ...auth, Host: 'evil.example' })).status).toBe(421);
  });

  it('refuses requests over the array caps with a 400 that says so, before touching the library', async () => {
    const many = (count: number) => Array.from({ length: count }, (_, i) => join(library, `${i}.jpg`));
    const cases: [string, unknown, RegExp][] = [
      ['trash', { paths: [inside, ...many(10_000)] }, /paths .*at most 10000 photos at once/],
      ['markNotDuplicates', { paths: many(1_001) }, /paths .*at most 1000 photos at once/],
      ['indexFolders', { paths: many(1_001) }, /paths .*at most 1000 folders at once/],
      ['trash', { paths: ['x'.repeat(40_000)] }, /paths\.0 .*too long/],
    ];
    for (const [method, body, message] of cases) {
      const response = await post(`/api/${method}`, {}, JSON.stringify(body));
      expect(response.status, method).toBe(400);
      expect(JSON.parse(response.body)).toEqual({
        code: 'bad-request',
        message: expect.stringMatching(message),
      });
    }
    expect((await media('/thumb', inside)).status).toBe(200); // the oversized trash trashed nothing
  });

  it('prepares only a few photos at once, however many are asked for', async () => {
    const limit = decodeConcurrency();
    const total = limit + 6;
    const original = engine.media.thumbnail;
    let running = 0;
    let mostAtOnce = 0;
    const blocked: (() => void)[] = [];
    // The real thumbnail, held until the test lets it go, so what runs at once is counted, not timed.
    engine.media.thumbnail = async (...args) => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise<void>((resolve) => blocked.push(resolve));
      running--;
      return original.apply(engine.media, args);
    };
    let arrived = 0;
    const countArrival = () => arrived++;
    host.server.on('request', countArrival);
    try {
      const requests = Array.from({ length: total }, () => media('/thumb', inside));
      await vi.waitFor(() => expect(arrived).toBe(total));
      expect(blocked).toHaveLength(limit); // every request is in, and only `limit` of them started
      for (let released = 0; released < total; released++) {
        await vi.waitFor(() => expect(blocked.length).toBe(Math.min(limit, total - released)));
        blocked.shift()!();
      }
      const statuses = await Promise.all(requests.map(async (response) => (await response).status));
      expect(statuses).toEqual(Array(total).fill(200));
      expect(mostAtOnce).toBe(limit);
    } finally {
      host.server.off('request', countArrival);
      engine.media.thumbnail = original;
    }
  });
});
