import { describe, expect, it } from 'vitest';
import type { EngineToMain, MainToEngine } from '../engine-host/host-messages';
import { EngineCallError, EngineRelay } from './engine-relay';

function relayWithLog() {
  const sent: MainToEngine[] = [];
  const events: EngineToMain[] = [];
  const relay = new EngineRelay((message) => sent.push(message), {
    onEvent: (message) => events.push(message),
    onTrash: (message) => events.push(message),
  });
  return { relay, sent, events };
}

describe('EngineRelay', () => {
  it('numbers calls and resolves each with its own result, in any order', async () => {
    const { relay, sent } = relayWithLog();
    const first = relay.call('status', {});
    const second = relay.call('duplicates', { maxDistance: 0.2 });
    expect(sent).toEqual([
      { type: 'call', id: 1, method: 'status', request: {} },
      { type: 'call', id: 2, method: 'duplicates', request: { maxDistance: 0.2 } },
    ]);
    relay.receive({ type: 'result', id: 2, result: 'two' });
    relay.receive({ type: 'result', id: 1, result: 'one' });
    await expect(first).resolves.toBe('one');
    await expect(second).resolves.toBe('two');
    expect(relay.waiting).toBe(0);
  });

  it('turns an engine error into an error with its code', async () => {
    const { relay } = relayWithLog();
    const call = relay.call('indexFolders', { paths: ['/p'] });
    relay.receive({ type: 'result', id: 1, error: { code: 'busy', message: 'Indexing is already running' } });
    await expect(call).rejects.toMatchObject({ code: 'busy', message: 'Indexing is already running' });
  });

  it('routes events and trash requests, and leaves ready/fatal to the owner', () => {
    const { relay, events } = relayWithLog();
    expect(relay.receive({ type: 'event', event: 'libraryChanged', payload: { reason: 'indexed' } })).toBe(
      true,
    );
    expect(relay.receive({ type: 'trash', id: 7, path: '/p/a.jpg' })).toBe(true);
    expect(relay.receive({ type: 'ready', mediaBase: 'http://127.0.0.1:1' })).toBe(false);
    expect(relay.receive({ type: 'fatal', message: 'x' })).toBe(false);
    expect(events.map((event) => event.type)).toEqual(['event', 'trash']);
  });

  it('sends a pasted photo’s bytes and resolves with the engine’s upload id', async () => {
    const { relay, sent } = relayWithLog();
    const bytes = new Uint8Array([1, 2, 3]);
    const upload = relay.upload(bytes);
    expect(sent).toEqual([{ type: 'upload', id: 1, bytes }]);
    relay.receive({ type: 'result', id: 1, result: 'b'.repeat(32) });
    await expect(upload).resolves.toBe('b'.repeat(32));
  });

  it('asks whether a path is in the library and answers with a plain boolean', async () => {
    const { relay, sent } = relayWithLog();
    const known = relay.isIndexed('/p/a.jpg');
    const odd = relay.isIndexed('/p/b.jpg');
    expect(sent).toEqual([
      { type: 'isIndexed', id: 1, path: '/p/a.jpg' },
      { type: 'isIndexed', id: 2, path: '/p/b.jpg' },
    ]);
    relay.receive({ type: 'result', id: 1, result: true });
    relay.receive({ type: 'result', id: 2, result: 'yes' }); // anything but true is a no
    await expect(known).resolves.toBe(true);
    await expect(odd).resolves.toBe(false);
  });

  it('fails every waiting call when the engine dies, instead of hanging', async () => {
    const { relay } = relayWithLog();
    const calls = [relay.call('status', {}), relay.call('search', { image: { path: '/q.jpg' } })];
    relay.failAll('Doppel’s engine stopped');
    for (const call of calls) {
      await expect(call).rejects.toBeInstanceOf(EngineCallError);
      await expect(call).rejects.toMatchObject({ code: 'engine-stopped' });
    }
    relay.receive({ type: 'result', id: 1, result: 'late' }); // a late answer is ignored
    expect(relay.waiting).toBe(0);
  });
});
