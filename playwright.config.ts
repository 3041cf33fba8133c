import { defineConfig } from '@playwright/test';
import { E2E_PORT } from './e2e/e2e-settings';
import { electronSkipReason } from './e2e/electron/electron-binary';

// One line in the run's output when the desktop journeys cannot run here (the list reporter shows a skip
// without its reason). Printed by the runner only, not by every worker that loads this config.
const electronSkip = electronSkipReason();
if (electronSkip && process.env.TEST_WORKER_INDEX === undefined)
  console.log(`Electron journeys skipped: ${electronSkip}`);

// Two projects, both run by `npm test`:
// - browser: the journeys in Debian's Chromium against `doppel serve` (tiny model, embedded ClickHouse);
// - electron: the same journeys in the desktop app through Playwright's `_electron.launch`, wherever an
//   Electron binary is installed (skipped, with the reason, where it is not).
export const e2eConfig = defineConfig({
  testDir: 'e2e',
  timeout: 90_000,
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  outputDir: 'test-results',
  projects: [
    {
      name: 'browser',
      testMatch: /browser-.*\.spec\.ts$/,
      use: {
        baseURL: `http://127.0.0.1:${E2E_PORT}`,
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
        screenshot: 'only-on-failure',
      },
    },
    {
      name: 'electron',
      testMatch: /electron\/.*\.spec\.ts$/,
      timeout: 180_000,
    },
  ],
  webServer: {
    command: 'node --import tsx e2e/serve-fixture.ts',
    url: `http://127.0.0.1:${E2E_PORT}/index.html`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
  },
});

// Playwright reads the default export of its config file.
export default e2eConfig;
