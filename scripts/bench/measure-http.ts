import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../electron/engine/store/database';
import { PairStore } from '../../electron/engine/store/pair-store';
import { migrate } from '../../electron/engine/store/schema';
import { startClickHouseTestServer } from '../../electron/engine/testing/clickhouse-http/clickhouse-test-server';
import { CACHE_DIR, recallSampleFor, type BenchConfig } from './bench-config';
import { startByteCountingProxy } from '../../electron/engine/testing/clickhouse-http/byte-counting-proxy';
import { pairRecall, sampleHashes } from './exact-reference';
import { MODEL, photosLabel, time, updateBenchPairs, type Measured, type Row } from './measure-vectors';
import { insertSyntheticVectors } from './synthetic-vectors';

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 0)} MB`;
}

/**
 * (7) The server path: a library on the repo's ClickHouse HTTP test server (chdb answering ClickHouse's
 * HTTP interface in a process of its own), the engine connected through a byte-counting proxy. At each
 * size: generate the library on the server (server-side SQL, nothing crosses), build the full pair graph,
 * add photos, then count what the server sends the client while updatePairGraphs brings the graph up to
 * date for them. Bytes that grow with the library (not with the added photos) mean the client pulls it.
 */
export async function measureHttp(config: BenchConfig): Promise<Measured> {
  const rows: Row[] = [];
  const recall: number[] = [];
  mkdirSync(CACHE_DIR, { recursive: true });
  const dataDir = mkdtempSync(path.join(CACHE_DIR, 'http-server-'));
  const server = await startClickHouseTestServer({ dataDir });
  const proxy = await startByteCountingProxy(server.port);
  try {
    for (const size of config.httpSizes) {
      const db = await openDatabase({
        kind: 'server',
        server: { url: proxy.url, user: server.user, password: server.password, database: `bench_${size}` },
      });
      try {
        await migrate(db);
        const pairs = new PairStore(db);
        await insertSyntheticVectors(db, MODEL, 0, size, config.dims, 'clip-like');
        const beforeBuild = proxy.toClient;
        const build = await time(() => updateBenchPairs(pairs, config));
        const buildBytes = proxy.toClient - beforeBuild;
        await insertSyntheticVectors(db, MODEL, size, config.addedPhotos, config.dims, 'clip-like');
        const before = { toClient: proxy.toClient, toServer: proxy.toServer };
        const add = await time(() => updateBenchPairs(pairs, config));
        const sent = proxy.toClient - before.toClient;
        const received = proxy.toServer - before.toServer;
        const added = await sampleHashes(db, MODEL, recallSampleFor(config, size), 2, size);
        const check = await pairRecall(db, MODEL, added, config.maxDistance);
        recall.push(check.recall);
        const label = `+${config.addedPhotos.toLocaleString('en')} to ${photosLabel(size, 'clip-like')}`;
        rows.push({
          measurement: 'bytes the server sends the client for one incremental update (HTTP)',
          size: label,
          value: sent / 1e6,
          unit: 'MB',
          note: `${Math.round(sent / config.addedPhotos).toLocaleString('en')} bytes per added photo; the client sent ${megabytes(received)}; the full build before it received ${megabytes(buildBytes)} in ${(build.ms / 1000).toFixed(1)} s`,
        });
        rows.push({
          measurement: 'pair graph: add photos over HTTP (incremental, test server)',
          size: label,
          value: add.ms / 1000,
          unit: 's',
          note: `recall ${check.recall.toFixed(4)} on ${added.length} added photos; chdb behind ClickHouse's HTTP interface on the same 2 cores`,
        });
      } finally {
        await db.close();
      }
    }
  } finally {
    await proxy.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { rows, recall };
}
