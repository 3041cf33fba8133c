// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { photo } from '../testing/photoFixtures';
import { createHttpClient } from './httpClient';

interface SentRequest {
  url: string;
  init: RequestInit;
}

function fakeFetch(respond: (url: string, init: RequestInit) => Response) {
  const sent: SentRequest[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({ url: String(input), init: init ?? {} });
    return respond(String(input), init ?? {});
  }) as typeof fetch;
  return { sent, fetchImpl };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

class FakeEventSource {
  readyState = 1;
  readonly listeners = new Map<string, ((event: MessageEvent) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  /** What the browser does for a server-sent `event: <type>` / `data: <json>` block. */
  deliver(type: string, data: string) {
    for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent(type, { data }));
  }
}

describe('HTTP engine client', () => {
  // Rejected answers and events are logged for developers; keep the test output about the tests.
  beforeEach(() => void vi.spyOn(console, 'error').mockImplementation(() => {}));
  afterEach(() => vi.restoreAllMocks());

  it('POSTs JSON to the method route with the X-Doppel header and the session cookie', async () => {
    const status = {
      images: 0,
      model: 'm',
      modelOrigin: 'settings',
      storage: 'embedded',
      dataDir: '/d',
      folders: [],
      indexing: null,
      lastErrors: [],
    };
    const { sent, fetchImpl } = fakeFetch(() => json(status));
    const client = createHttpClient({ fetch: fetchImpl });

    await expect(client.api.status({})).resolves.toEqual(status);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('/api/status');
    expect(sent[0]!.init.method).toBe('POST');
    expect(sent[0]!.init.credentials).toBe('same-origin');
    expect(sent[0]!.init.headers).toMatchObject({ 'X-Doppel': '1', 'Content-Type': 'application/json' });
    expect(sent[0]!.init.body).toBe('{}');
    expect(client.platform).toBe('browser');
    expect(client.mediaBase).toBe('');
    // The server's file manager is not the user's: the browser offers no "show in folder".
    expect(client.revealInFolder).toBeNull();
  });

  it('turns a { code, message } error answer into an Error with that message', async () => {
    const { fetchImpl } = fakeFetch(() =>
      json({ code: 'not-found', message: 'The folder /x does not exist.' }, 404),
    );
    const client = createHttpClient({ fetch: fetchImpl });
    await expect(client.api.indexFolders({ paths: ['/x'] })).rejects.toMatchObject({
      message: 'The folder /x does not exist.',
      code: 'not-found',
    });
  });

  it('rejects an answer that does not match the contract', async () => {
    const { fetchImpl } = fakeFetch(() => json({ removed: 'lots' }));
    const client = createHttpClient({ fetch: fetchImpl });
    await expect(client.api.removeFolder({ path: '/x' })).rejects.toThrow(/does not understand/);
  });

  it('uploads a dropped file as raw bytes and returns its upload id as the query image', async () => {
    const uploadId = 'a'.repeat(32);
    const { sent, fetchImpl } = fakeFetch(() => json({ uploadId }));
    const client = createHttpClient({ fetch: fetchImpl });
    const file = new File([new Uint8Array([1, 2, 3])], 'query.jpg', { type: 'image/jpeg' });

    await expect(client.toQueryImage(file)).resolves.toEqual({ uploadId });
    expect(sent[0]!.url).toBe('/api/upload');
    expect(sent[0]!.init.body).toBe(file);
    expect(sent[0]!.init.headers).toMatchObject({ 'Content-Type': 'image/jpeg', 'X-Doppel': '1' });
  });

  it('dispatches server-sent events by name, validated, and stops after unsubscribe', async () => {
    const sources: FakeEventSource[] = [];
    const client = createHttpClient({
      fetch: fakeFetch(() => json({})).fetchImpl,
      createEventSource: (url) => {
        const source = new FakeEventSource(url);
        sources.push(source);
        return source as unknown as EventSource;
      },
    });
    const received: unknown[] = [];
    const unsubscribe = client.on('libraryChanged', (payload) => received.push(payload));

    expect(sources).toHaveLength(1);
    expect(sources[0]!.url).toBe('/api/events');
    sources[0]!.deliver('libraryChanged', JSON.stringify({ reason: 'trashed' }));
    sources[0]!.deliver('libraryChanged', JSON.stringify({ reason: 'not-a-reason' }));
    sources[0]!.deliver('indexProgress', JSON.stringify({ phase: 'done' }));
    expect(received).toEqual([{ reason: 'trashed' }]);

    unsubscribe();
    sources[0]!.deliver('libraryChanged', JSON.stringify({ reason: 'marked' }));
    expect(received).toHaveLength(1);
  });

  it('validates search results including the nested photo', async () => {
    const result = { path: '/p/a.jpg', distance: 0.12, photo: photo('/p/a.jpg') };
    const { fetchImpl } = fakeFetch(() => json({ results: [result] }));
    const client = createHttpClient({ fetch: fetchImpl });
    await expect(client.api.search({ image: { path: '/q.jpg' } })).resolves.toEqual({ results: [result] });
  });
});
