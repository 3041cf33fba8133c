import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePlantedLibrary, type PlantedLibrary } from '../electron/engine/testing/library-fixture';
import { E2E_PORT, E2E_TOKEN } from './e2e-settings';
import { expectAccessible } from './journey-helpers';

/**
 * The offline first run, in Chromium against a `doppel serve` of its own: no model can be fetched (the hub
 * refuses), a folder is added, and the photographer still gets the identical files and re-saved copies,
 * while the stages panel names the similar stage as waiting and says why. No CLI flag is ever shown.
 */
test.describe.configure({ mode: 'serial' });

const work = join(tmpdir(), 'doppel-e2e-offline');
const port = E2E_PORT + 11;
const origin = `http://127.0.0.1:${port}`;
let serve: ChildProcess | null = null;
let library: PlantedLibrary;
let serveOutput = '';

/** A port on loopback that nothing listens on: bound once to learn a free one, then closed, so it refuses. */
async function refusingPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function waitUntilServing(): Promise<void> {
  await expect
    .poll(
      async () => {
        if (serve?.exitCode !== null) throw new Error(`doppel serve exited: ${serveOutput}`);
        return fetch(`${origin}/index.html`).then(
          (response) => response.status,
          () => 0,
        );
      },
      { timeout: 90_000 },
    )
    .toBe(200);
}

test.beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  library = await makePlantedLibrary(join(work, 'Photos'), 2);
  const hub = await refusingPort();
  serve = spawn(process.execPath, ['--import', 'tsx', 'e2e/offline-serve-fixture.ts'], {
    env: {
      ...process.env,
      DOPPEL_OFFLINE_PORT: String(port),
      DOPPEL_OFFLINE_DATA: join(work, 'data'),
      DOPPEL_MODEL_HOST: `http://127.0.0.1:${hub}/`,
      DOPPEL_SERVE_TOKEN: E2E_TOKEN,
      DOPPEL_TRASH_DIR: join(work, 'trash'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  serve.stdout?.on('data', (chunk: Buffer) => (serveOutput += chunk.toString()));
  serve.stderr?.on('data', (chunk: Buffer) => (serveOutput += chunk.toString()));
  await waitUntilServing();
});

test.afterAll(async () => {
  if (serve && serve.exitCode === null) {
    const exited = new Promise((resolve) => serve!.once('exit', resolve));
    serve.kill('SIGTERM');
    await exited;
  }
  rmSync(work, { recursive: true, force: true });
});

function stage(page: Page, name: 'identical' | 'same-picture' | 'similar') {
  return page.locator(`[data-testid="stages-panel"] [data-testid="stage"][data-stage="${name}"]`).first();
}

test('offline first run: identical files are listed and the stages say the similar shots wait for the model', async ({
  page,
}) => {
  await page.goto(`${origin}/?token=${E2E_TOKEN}`);
  await page.getByTestId('folder-path-input').fill(library.root);
  await page.getByTestId('index-button').click();

  // Stages 1 and 2 finish without any model; stage 3 waits, saying why in a photographer's words. The
  // wait is on that reason: before the run starts, an empty library's stages already read "done".
  const similar = stage(page, 'similar');
  await expect(similar.getByTestId('stage-reason')).toHaveText(/model/i, { timeout: 90_000 });
  await expect(stage(page, 'identical')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(stage(page, 'same-picture')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(similar).toHaveAttribute('data-state', 'waiting');
  await expect(similar.getByTestId('stage-state')).toHaveText(/^Waiting/);
  await expect(similar.getByTestId('stage-reason')).toHaveText(/model/i);
  await expect(page.getByRole('progressbar', { name: 'Similar shots' }).first()).toBeVisible();
  // Nothing on the screen tells a window user to pass a command-line flag.
  await expect(page.locator('body')).not.toContainText('--model');
  await expectAccessible(page, 'library, offline first run');

  // The identical pair is listed on Duplicates, with the stages above it naming the waiting one.
  await page.getByTestId('nav-duplicates').click();
  const identicalGroup = page
    .getByTestId('duplicate-group')
    .filter({ has: page.locator(`[data-testid="photo-card"][data-path="${library.identical[0]}"]`) });
  await expect(identicalGroup).toHaveCount(1, { timeout: 30_000 });
  await expect(identicalGroup.getByTestId('group-kind')).toHaveText(/identical/i);
  await expect(stage(page, 'similar').getByTestId('stage-reason')).toHaveText(/model/i);
  await expect(page.locator('body')).not.toContainText('--model');
  await expectAccessible(page, 'duplicates, offline first run');

  // The status the CLI and scripts read says the same.
  const response = await page.request.post(`${origin}/api/status`, {
    headers: { 'X-Doppel': '1' },
    data: {},
  });
  const status = (await response.json()) as {
    stages?: { name: string; state: string; reason: string | null }[];
  };
  const similarStage = status.stages?.find((entry) => entry.name === 'similar');
  expect(similarStage?.state).toBe('waiting');
  expect(similarStage?.reason ?? '').toMatch(/model/i);
});
