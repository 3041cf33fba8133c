import { defineConfig } from 'vitest/config';

// Tests live next to the code they test. Engine tests run under Node against the real embedded ClickHouse
// and the committed tiny model, so they are slow-ish and run one file at a time per worker.
export const testConfig = defineConfig({
  test: {
    include: ['{electron,shared,renderer,scripts}/**/*.test.{ts,tsx}'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});

// Vitest reads the default export of its config file.
export default testConfig;
