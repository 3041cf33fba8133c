import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TINY_MODEL_DIR } from '../engine/testing/library-fixture';
import { photoLikePixels, rawImage, writeImage } from '../engine/testing/photo-fixtures';
import type { EngineToMain } from './host-messages';
import { FakeParentPort } from './testing/fake-parent-port';

const MEDIA_TOKEN = 'f'.repeat(32);

/**
 * The utility-process entry under plain Node: a stand-in for Electron's `process.parentPort` carries the
 * same messages main sends, to a real engine (tiny model, embedded ClickHouse, test trash folder).
 */
describe('engine host (utility-process entry)', () => {
  const port = new FakeParentPort();
  let work: string;
  let library: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'doppel-host-'));
    library = join(work, 'Photos');
    await writeImage(join(library, 'a.jpg'), rawImage(photoLikePixels(5)).jpeg({ quality: 90 }));
    await writeImage(join(library, 'copy', 'a.jpg'), rawImage(photoLikePixels(5)).jpeg({ quality: 70 }));
    vi.stubEnv('DOPPEL_DATA_DIR', join(work, 'data'));
    vi.stubEnv('DOPPEL_MODEL', TINY_MODEL_DIR);
    vi.stubEnv('DOPPEL_TRASH_DIR', join(work, 'trash'));
    vi.stubEnv('DOPPEL_MEDIA_TOKEN', MEDIA_TOKEN);
    (process as unknown as { parentPort: FakeParentPort }).parentPort = port;
    await import('./utility-entry.js');
    await port.next((m) => m.type === 'ready' || m.type === 'fatal');
  });

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('says it is ready with the loopback media host, which wants the token and serves media only', async () => {
    const ready = port.received.find((m) => m.type === 'ready') as Extract<EngineToMain, { type: 'ready' }>;
    expect(ready.mediaBase).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${ready.mediaBase}/thumb?path=x`)).status).toBe(401);
    // With main's token: media answers (404: not a library photo), the API and the pages do not exist here.
    const auth = { Authorization: `Bearer ${MEDIA_TOKEN}`, 'X-Doppel': '1' };
    expect((await fetch(`${ready.mediaBase}/thumb?path=x`, { headers: auth })).status).toBe(404);
    for (const path of ['/api/status', '/api/getSettings', '/api/trash'])
      expect(
        (await fetch(`${ready.mediaBase}${path}`, { method: 'POST', headers: auth, body: '{}' })).status,
      ).toBe(404);
    expect((await fetch(`${ready.mediaBase}/`, { headers: auth })).status).toBe(404);
  });

  it('advertises a hand-off in the owner file, whose token alone opens the API on the loopback host', async () => {
    const ready = port.received.find((m) => m.type === 'ready') as Extract<EngineToMain, { type: 'ready' }>;
    const owner = JSON.parse(readFileSync(join(work, 'data', 'doppel-owner.json'), 'utf8'));
    expect(owner).toMatchObject({
      pid: process.pid,
      role: 'app',
      handoff: { url: ready.mediaBase, token: expect.stringMatching(/^[a-f0-9]{32}$/) },
    });
    expect(owner.url).toBeUndefined(); // the refusal points no one at the media host
    expect(owner.handoff.token).not.toBe(MEDIA_TOKEN);
    const status = await fetch(`${ready.mediaBase}/api/status`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${owner.handoff.token}`, 'X-Doppel': '1' },
      body: '{}',
    });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ model: TINY_MODEL_DIR, dataDir: join(work, 'data') });
  });

  it('answers contract calls, relays engine events, and reports errors with their code', async () => {
    const indexed = await port.call('indexFolders', { paths: [library] });
    expect(indexed.result).toMatchObject({ indexed: 2, errors: [] });
    expect(port.received.some((m) => m.type === 'event' && m.event === 'indexProgress')).toBe(true);
    const status = await port.call('status', {});
    expect(status.result).toMatchObject({ images: 2, model: TINY_MODEL_DIR });
    const bad = await port.call('search', { image: {} });
    expect(bad.error).toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/^invalid request: image/),
    });
    // Main relays the window's request as it came (see desktop-calls.ts): parsing happens here, once.
    const noRequest = await port.call('listIndexErrors', undefined);
    expect(noRequest.result).toEqual({ errors: [] });
    const notAList = await port.call('trash', { paths: join(library, 'a.jpg') });
    expect(notAList.error).toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/^invalid request: paths /),
    });
    const unknown = await port.call('formatDisk', {});
    expect(unknown.error).toEqual({ code: 'bad-request', message: 'no such method formatDisk' });
  });

  it('vouches only for library photos before main shows one in the file manager', async () => {
    const isIndexed = (path: unknown) => port.ask({ type: 'isIndexed', path });
    expect((await isIndexed(join(library, 'a.jpg'))).result).toBe(true);
    expect((await isIndexed('/etc/passwd')).result).toBe(false);
    expect((await isIndexed({ path: join(library, 'a.jpg') })).result).toBe(false);
    // "Show in folder" is desktop-only: it is not an engine method the window could call.
    expect((await port.call('reveal', { path: join(library, 'a.jpg') })).error).toEqual({
      code: 'bad-request',
      message: 'no such method reveal',
    });
  });

  it('trashes into DOPPEL_TRASH_DIR when set, instead of asking main for the OS trash', async () => {
    const copy = join(library, 'copy', 'a.jpg');
    const trashed = await port.call('trash', { paths: [copy] });
    // DOPPEL_TRASH_DIR is Doppel's own trash folder: it says where the file went, so the trash can be undone.
    expect(trashed.result).toEqual({
      trashed: [copy],
      failed: [],
      actionId: expect.any(String),
      restorable: true,
    });
    expect(existsSync(copy)).toBe(false);
    expect(readdirSync(join(work, 'trash'))).toHaveLength(1);
    expect(port.received.some((m) => m.type === 'trash')).toBe(false);
  });

  it('keeps a pasted photo’s bytes for a query and searches with them', async () => {
    const bytes = new Uint8Array(readFileSync(join(library, 'a.jpg')));
    const stored = await port.ask({ type: 'upload', bytes });
    expect(stored.result).toMatch(/^[a-f0-9]{32}$/);
    const search = await port.call('search', { image: { uploadId: stored.result }, limit: 1 });
    expect(search.result).toMatchObject({ results: [{ path: join(library, 'a.jpg') }] });
  });

  it('closes the engine and exits on shutdown', async () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    port.send({ type: 'shutdown' });
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0), { timeout: 30_000 });
    // The data folder is free again: its lock was released.
    expect(existsSync(join(work, 'data', 'doppel-owner.json'))).toBe(false);
  });
});
