import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: two files at a time, each with its own database.
    maxWorkers: 2,
    // A worker keeps the modules it loaded for the next file: each file still has its own database,
    // and no test mocks modules or globals, so sharing them is safe; loading them again for every
    // file cost about a third of the suite's time.
    isolate: false,
  },
});
