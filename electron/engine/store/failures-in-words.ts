import type { ClickHouseClient } from '@clickhouse/client';
import { Readable } from 'node:stream';
import type { DatabaseTarget } from './database';
import { describeLostDatabase } from './database-errors';

const CALLS = new Set(['query', 'insert', 'command', 'exec']);

/**
 * The client, with a server that goes away or a disk that fills up mid-run reported in words ("Cannot
 * reach the ClickHouse server at …", "The disk holding Doppel's data folder is full") instead of
 * "read ECONNRESET" or a ClickHouse errno text. Every other error passes through unchanged, with its
 * code. The original error stays as the cause.
 */
export function withFailuresInWords(client: ClickHouseClient, target: DatabaseTarget): ClickHouseClient {
  const reword = (error: unknown): unknown => {
    const words = describeLostDatabase(error, target);
    return words === null ? error : new Error(words, { cause: error });
  };
  return new Proxy(client, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function' || !CALLS.has(String(property))) return value;
      return async (...args: unknown[]) => {
        try {
          const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(object, args);
          if (property === 'query') return rewordResults(result as object, reword);
          if (property === 'exec') return rewordStream(result as { stream: Readable }, reword);
          return result;
        } catch (error) {
          throw reword(error);
        }
      };
    },
  });
}

/** A result set's body is read after the call returns: a connection lost then is reworded too. */
function rewordResults<T extends object>(results: T, reword: (error: unknown) => unknown): T {
  return new Proxy(results, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      if (property !== 'json' && property !== 'text') return (value as () => unknown).bind(object);
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(object, args);
        } catch (error) {
          throw reword(error);
        }
      };
    },
  });
}

/** An exec's body streams (the pair search reads every vector so): a connection lost mid-stream too. */
function rewordStream<T extends { stream: Readable }>(result: T, reword: (error: unknown) => unknown): T {
  const source = result.stream;
  async function* rethrowReworded() {
    try {
      yield* source;
    } catch (error) {
      throw reword(error);
    }
  }
  return { ...result, stream: Readable.from(rethrowReworded(), { objectMode: false }) };
}
