import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/server.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    // A page on a loaded two-core CI machine can take seconds to draw; the default poll gives up after one.
    expect: { poll: { timeout: 10_000 } },
  },
});
