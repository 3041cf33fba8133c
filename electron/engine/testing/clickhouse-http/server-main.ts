import { parseArgs } from 'node:util';
import { createClickHouseHttpServer } from './clickhouse-http-server';

/**
 * The test server's process: chdb allows one data folder per process, and the process under test may
 * hold its own, so the server always runs apart. Prints one JSON line ({"port":N}) once it listens.
 * SIGTERM stops it cleanly; tests SIGKILL it to play a server that dies.
 */
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '0' },
    user: { type: 'string', default: 'default' },
    password: { type: 'string', default: '' },
  },
});
if (!values['data-dir']) throw new Error('--data-dir is required');

const { server, close } = createClickHouseHttpServer({
  dataDir: values['data-dir'],
  user: values.user!,
  password: values.password!,
});
server.listen(Number(values.port), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});
server.on('error', (error) => {
  process.stderr.write(`clickhouse test server: ${error.message}\n`);
  process.exit(1);
});
const stop = () => {
  server.closeAllConnections();
  void close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
// The test that started the server holds the other end of stdin: when it dies (a crashed or killed test
// run), stdin ends and the server goes too, instead of holding its port and folder forever.
process.stdin.on('end', stop).resume();
