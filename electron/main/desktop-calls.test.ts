import { describe, expect, it } from 'vitest';
import {
  REFUSED_SENDER,
  relayEngineCall,
  revealInFolder,
  systemTrashLocation,
  type EngineLink,
} from './desktop-calls';

function fakeEngine(indexed: string[] = []) {
  const calls: { method: string; request: unknown }[] = [];
  const checked: string[] = [];
  const engine: EngineLink = {
    call: async (method, request) => {
      calls.push({ method, request });
      return { ok: true };
    },
    isIndexed: async (path) => {
      checked.push(path);
      return indexed.includes(path);
    },
  };
  return { engine, calls, checked };
}

describe('relayEngineCall', () => {
  it('passes the window’s request on untouched: the engine’s process is the one that parses it', async () => {
    const { engine, calls } = fakeEngine();
    // Malformed on purpose: main does not parse, so it neither fixes nor refuses it (the adapter answers
    // bad-request in the utility process, see utility-entry.test.ts).
    const malformed = { paths: 'IMG_1.jpg', extra: true };
    await expect(relayEngineCall(true, engine, 'trash', malformed)).resolves.toEqual({ ok: true });
    await relayEngineCall(true, engine, 'status', undefined);
    expect(calls).toEqual([
      { method: 'trash', request: malformed },
      { method: 'status', request: undefined },
    ]);
    expect(calls[0]!.request).toBe(malformed);
  });

  it('refuses anything but our window, without reaching the engine', async () => {
    const { engine, calls } = fakeEngine();
    await expect(relayEngineCall(false, engine, 'status', {})).rejects.toThrow(REFUSED_SENDER);
    expect(calls).toEqual([]);
  });
});

describe('revealInFolder', () => {
  it('shows a library photo in the file manager', async () => {
    const { engine, checked } = fakeEngine(['/Photos/a.jpg']);
    const shown: string[] = [];
    expect(await revealInFolder(true, engine, '/Photos/a.jpg', (path) => shown.push(path))).toBe(true);
    expect(checked).toEqual(['/Photos/a.jpg']);
    expect(shown).toEqual(['/Photos/a.jpg']);
  });

  it('shows nothing the engine does not vouch for, nor anything that is not a path', async () => {
    const { engine, checked } = fakeEngine(['/Photos/a.jpg']);
    const shown: string[] = [];
    const show = (path: string) => shown.push(path);
    expect(await revealInFolder(true, engine, '/etc/passwd', show)).toBe(false);
    for (const notAPath of [undefined, 42, { path: '/Photos/a.jpg' }, '', 'x'.repeat(40_000)])
      expect(await revealInFolder(true, engine, notAPath, show)).toBe(false);
    expect(checked).toEqual(['/etc/passwd']);
    expect(shown).toEqual([]);
  });

  it('refuses anything but our window', async () => {
    const { engine, checked } = fakeEngine(['/Photos/a.jpg']);
    await expect(revealInFolder(false, engine, '/Photos/a.jpg', () => undefined)).rejects.toThrow(
      REFUSED_SENDER,
    );
    expect(checked).toEqual([]);
  });
});

describe('systemTrashLocation', () => {
  it('opens the Trash each desktop shows: ~/.Trash on macOS, the Recycle Bin, trash:/// on Linux', () => {
    expect(systemTrashLocation('darwin', '/Users/ana')).toEqual({
      kind: 'folder',
      path: '/Users/ana/.Trash',
    });
    expect(systemTrashLocation('win32', 'C:\\Users\\ana')).toEqual({
      kind: 'url',
      url: 'shell:RecycleBinFolder',
    });
    expect(systemTrashLocation('linux', '/home/ana')).toEqual({ kind: 'url', url: 'trash:///' });
  });
});
