import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../electron/cli/run-cli';
import { TINY_MODEL_DIR } from '../electron/engine/testing/library-fixture';
import { makeE2eLibrary } from './e2e-library';
import { E2E_PORT, E2E_TOKEN, E2E_WORK, fixtureFile } from './e2e-settings';

/**
 * Playwright's web server for the browser journeys: the planted library, then `doppel serve` with the tiny
 * model, the embedded ClickHouse and a test trash folder.
 */
async function start(): Promise<void> {
  const fixture = await makeE2eLibrary(E2E_WORK);
  writeFileSync(fixtureFile, JSON.stringify(fixture, null, 2));
  process.env.DOPPEL_TRASH_DIR = fixture.trash;
  process.env.DOPPEL_SERVE_TOKEN = E2E_TOKEN;
  const code = await runCli([
    'serve',
    '--data-dir',
    join(E2E_WORK, 'data'),
    '--model',
    TINY_MODEL_DIR,
    '--port',
    String(E2E_PORT),
  ]);
  process.exit(code);
}

void start();
