import { execFileSync } from 'node:child_process';
import { constants } from 'node:fs';
import { mkdir, mkdtemp, open, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DoppelEngine } from '../engine/doppel-engine';
import { photoLikePixels, rawImage, writeImage } from '../engine/testing/photo-fixtures';
import { startHttpHost, type RunningHost } from './http-host';

const TOKEN = 'fedcba9876543210fedcba9876543210';

/**
 * Media over HTTP (the same host the desktop media scheme proxies to) for photos swapped after indexing:
 * a link to a private file gets 404, and requests for a FIFO neither hang nor stall the rest of the server.
 */
describe('HTTP media of swapped files', () => {
  let work: string;
  let library: string;
  let engine: DoppelEngine;
  let host: RunningHost;
  const auth = { Authorization: `Bearer ${TOKEN}` };
  const photo = (name: string) => join(library, name);

  beforeAll(async () => {
    work = await realpath(await mkdtemp(join(tmpdir(), 'doppel-http-media-')));
    library = join(work, 'Photos');
    for (const [index, name] of ['kept.jpg', 'secret-link.jpg', 'fifo.jpg'].entries())
      await writeImage(photo(name), rawImage(photoLikePixels(40 + index)).jpeg({ quality: 88 }));
    await mkdir(join(work, 'private'));
    await writeFile(join(work, 'private', 'passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
    const staticDir = join(work, 'static');
    await mkdir(staticDir);
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Doppel</title>');
    engine = await DoppelEngine.open({ dataDir: join(work, 'data'), role: 'test', model: 'none' });
    await engine.indexFolders({ paths: [library] });
    host = await startHttpHost({ engine, staticDir, host: '127.0.0.1', port: 0, token: TOKEN });
  }, 120_000);

  afterAll(async () => {
    // Without the fix, readers blocked on the FIFO hold Node's threads: a writer that opens and closes
    // it lets them go, so the test run can end.
    const writer = await open(photo('fifo.jpg'), constants.O_WRONLY | constants.O_NONBLOCK).catch(() => null);
    await writer?.close();
    host?.server.closeAllConnections();
    await host?.close();
    await engine?.close();
    await rm(work, { recursive: true, force: true });
  });

  const media = (route: string, path: string) =>
    fetch(`${host.url}${route}?path=${encodeURIComponent(path)}&size=128`, {
      headers: auth,
      signal: AbortSignal.timeout(30_000),
    });

  it('streams the original of an indexed photo, with its length', async () => {
    const response = await media('/image', photo('kept.jpg'));
    expect(response.status).toBe(200);
    const original = await readFile(photo('kept.jpg'));
    expect(response.headers.get('content-length')).toBe(String(original.length));
    expect(Buffer.from(await response.arrayBuffer()).equals(original)).toBe(true);
  });

  it.each(['/thumb', '/image'])(
    '%s answers 404 for a photo replaced by a link to a private file',
    async (route) => {
      await rm(photo('secret-link.jpg'), { force: true });
      await symlink(join(work, 'private', 'passwd'), photo('secret-link.jpg'));
      const response = await media(route, photo('secret-link.jpg'));
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('root:x');
    },
  );

  it.runIf(process.platform === 'linux')(
    'answers 404 at once for a photo replaced by a FIFO, and status and pages go on answering',
    async () => {
      await rm(photo('fifo.jpg'));
      execFileSync('mkfifo', [photo('fifo.jpg')]);
      const started = Date.now();
      const pending = [1, 2, 3, 4].flatMap(() => [
        media('/image', photo('fifo.jpg')),
        media('/thumb', photo('fifo.jpg')),
      ]);
      const status = await fetch(`${host.url}/api/status`, {
        method: 'POST',
        headers: { ...auth, 'X-Doppel': '1' },
        signal: AbortSignal.timeout(10_000),
      });
      expect(status.status).toBe(200);
      const page = await fetch(`${host.url}/`, { signal: AbortSignal.timeout(10_000) });
      expect(page.status).toBe(200);
      const answers = await Promise.all(pending);
      expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(404));
      expect(Date.now() - started).toBeLessThan(10_000);
    },
    60_000,
  );
});
