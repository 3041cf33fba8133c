import { describe, expect, it } from 'vitest';
import { UserError } from '../user-error';
import { answerEngineCall, type EngineHandlers } from './engine-adapter';

/** An engine that records what reached it; each test says how its one method answers. */
function engineWith(handlers: Partial<EngineHandlers>) {
  const received: { method: string; request: unknown }[] = [];
  const engine = new Proxy({} as EngineHandlers, {
    get: (_target, method: string) => async (request: unknown) => {
      received.push({ method, request });
      const handler = handlers[method as keyof EngineHandlers] as ((r: unknown) => unknown) | undefined;
      if (!handler) throw new Error(`the test did not expect ${method}`);
      return handler(request);
    },
  });
  return { engine, received };
}

describe('answerEngineCall', () => {
  it('parses the request with the contract (defaults filled in) and returns the engine’s answer', async () => {
    const { engine, received } = engineWith({ search: async () => ({ results: [] }) });
    const answer = await answerEngineCall(engine, 'search', { text: '  a dog  ' });
    expect(answer).toEqual({ result: { results: [] } });
    expect(received).toEqual([{ method: 'search', request: { text: 'a dog', limit: 50 } }]);
  });

  it('treats a missing request as an empty one', async () => {
    const { engine, received } = engineWith({ status: async () => ({ images: 0 }) as never });
    expect(await answerEngineCall(engine, 'status', undefined)).toEqual({ result: { images: 0 } });
    expect(received).toEqual([{ method: 'status', request: {} }]);
  });

  it('refuses a method the contract does not have, without calling anything', async () => {
    const { engine, received } = engineWith({});
    for (const method of ['formatDisk', 'close', 'isIndexed', 'constructor', 42]) {
      expect(await answerEngineCall(engine, method, {})).toEqual({
        error: { code: 'bad-request', message: `no such method ${method}` },
      });
    }
    expect(received).toEqual([]);
  });

  it('names the field of a request that does not match the contract, and never calls the engine', async () => {
    const { engine, received } = engineWith({ trash: async () => ({ trashed: [], failed: [] }) });
    const answer = await answerEngineCall(engine, 'trash', { paths: 'IMG_1.jpg' });
    expect(answer.error).toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/^invalid request: paths /),
    });
    expect(received).toEqual([]);
  });

  it('keeps the code and words of the engine’s own refusals', async () => {
    const { engine } = engineWith({
      indexFolders: async () => {
        throw new UserError('busy', 'Indexing is already running: wait for it or cancel it first.');
      },
    });
    expect(await answerEngineCall(engine, 'indexFolders', { paths: ['/p'] })).toEqual({
      error: { code: 'busy', message: 'Indexing is already running: wait for it or cancel it first.' },
    });
  });

  it('reports any other failure as failed, with its message', async () => {
    const { engine } = engineWith({
      duplicates: async () => {
        throw new TypeError('the database went away');
      },
      getSettings: async () => {
        throw 'not even an Error';
      },
    });
    expect(await answerEngineCall(engine, 'duplicates', {})).toEqual({
      error: { code: 'failed', message: 'the database went away' },
    });
    expect(await answerEngineCall(engine, 'getSettings', {})).toEqual({
      error: { code: 'failed', message: 'not even an Error' },
    });
  });
});
