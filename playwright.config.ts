import { defineConfig } from '@playwright/test';
import { E2E_PORT } from './e2e/e2e-settings';

// The browser journeys run in Debian's Chromium against `doppel serve` (tiny model, embedded ClickHouse).
// The Electron spec runs the same journeys wherever an Electron binary exists.
export const e2eConfig = defineConfig({
  testDir: 'e2e',
  timeout: 90_000,
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    screenshot: 'only-on-failure',
  },
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
