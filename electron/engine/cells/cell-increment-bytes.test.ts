import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateSimilarPairs } from '../indexing/pairing';
import { openDatabase } from '../store/database';
import { PairStore } from '../store/pair-store';
import { PhotoStore, type PhotoRecord } from '../store/photo-store';
import { migrate } from '../store/schema';
import { seededRandom } from '../testing/seeded-random';
import { vectorPhotoRecord } from '../testing/vector-photo-record';
import {
  startByteCountingProxy,
  type ByteCountingProxy,
} from '../testing/clickhouse-http/byte-counting-proxy';
import {
  startClickHouseTestServer,
  type ClickHouseTestServer,
} from '../testing/clickhouse-http/clickhouse-test-server';

const MODEL = { id: 'clip-bytes', maxDistance: 0.5 };
const DIMS = 32;
const CELLS = { minHashes: 100 };

function photos(count: number, seed: number, prefix: string): PhotoRecord[] {
  const random = seededRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Array.from({ length: count }, (_, n) => {
    const raw = Array.from({ length: DIMS }, gaussian);
    const norm = Math.hypot(...raw);
    return vectorPhotoRecord(
      `/lib/${prefix}/${n}.jpg`,
      `${prefix}-${n}`,
      MODEL.id,
      raw.map((x) => x / norm),
    );
  });
}

/**
 * On a ClickHouse server, adding photos to a library with cells costs the client bytes in proportion to
 * the new photos: their vectors and pairs come back, not the library's vectors (which brute force reads).
 */
describe('a pair increment over HTTP', () => {
  let server: ClickHouseTestServer;
  let proxy: ByteCountingProxy;

  beforeAll(async () => {
    server = await startClickHouseTestServer({ user: 'doppel', password: 'secret' });
    proxy = await startByteCountingProxy(Number(new URL(server.url).port));
  });

  afterAll(async () => {
    await proxy?.close();
    await server?.stop();
  });

  async function incrementBytes(librarySize: number, database: string): Promise<number> {
    const db = await openDatabase({
      kind: 'server',
      server: { url: proxy.url, user: 'doppel', password: 'secret', database },
    });
    try {
      await migrate(db);
      const store = new PhotoStore(db);
      const pairs = new PairStore(db);
      await store.insert(photos(librarySize, librarySize, 'lib'));
      await updateSimilarPairs(pairs, MODEL, undefined, undefined, CELLS);
      // A first increment reads the generation's centroids once; the next ones do not.
      await store.insert(photos(5, 1, 'warm'));
      await updateSimilarPairs(pairs, MODEL, undefined, undefined, CELLS);
      await store.insert(photos(10, 2, 'new'));
      const before = proxy.toClient;
      await updateSimilarPairs(pairs, MODEL, undefined, undefined, CELLS);
      const sent = proxy.toClient - before;
      expect(await pairs.unpairedHashes(MODEL.id)).toEqual([]);
      return sent;
    } finally {
      await db.close();
    }
  }

  it('receives about the same bytes from a library four times the size', async () => {
    const small = await incrementBytes(500, 'cells_bytes_small');
    const large = await incrementBytes(2000, 'cells_bytes_large');
    // The large library's vectors alone are 2000 x 32 floats (256 kB as RowBinary).
    expect(large).toBeLessThan((2000 * DIMS * 4) / 4);
    expect(large).toBeLessThan(small * 1.25);
  }, 180_000);
});
