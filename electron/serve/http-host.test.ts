import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DoppelEngine } from '../engine/doppel-engine';
import { TINY_MODEL_DIR } from '../engine/testing/library-fixture';
import { photoLikePixels, rawImage, writeImage } from '../engine/testing/photo-fixtures';
import { folderTrashBin } from '../engine/trash/trash-bin';
import { startHttpHost, type RunningHost } from './http-host';

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
    engine = await DoppelEngine.open({
      dataDir: join(work, 'data'),
      role: 'test',
      model: TINY_MODEL_DIR,
      trash: folderTrashBin(join(work, 'trash')),
    });
    await engine.indexFolders({ paths: [library] });
    host = await startHttpHost({ engine, staticDir, host: '127.0.0.1', port: 0, token: TOKEN });
  });

  afterAll(async () => {
    await host?.close();
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
});
