import { runCli } from '../electron/cli/run-cli';

/**
 * `doppel serve` on a first run with no way to fetch the model: a fresh data folder, the default model (a hub
 * id, nothing bundled), and DOPPEL_MODEL_HOST pointing at a port that refuses connections. Started by the
 * offline journey itself (not Playwright's web server, which serves the others with the tiny model).
 * Reads its port and data folder from the environment the journey gives it.
 */
async function start(): Promise<void> {
  const port = process.env.DOPPEL_OFFLINE_PORT;
  const dataDir = process.env.DOPPEL_OFFLINE_DATA;
  if (!port || !dataDir) throw new Error('DOPPEL_OFFLINE_PORT and DOPPEL_OFFLINE_DATA must be set');
  delete process.env.DOPPEL_MODEL;
  delete process.env.DOPPEL_BUNDLED_MODEL;
  process.exit(await runCli(['serve', '--data-dir', dataDir, '--port', port]));
}

void start();
