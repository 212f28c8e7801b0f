// Test groups: unit (pure, fast), integration (real SQLite, redis-server, simulator, workers), e2e (Chromium, Xvfb).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two cores: more forks only thrash.
    maxWorkers: 2,
    globalSetup: ['test/support/global-setup.ts'],
    teardownTimeout: 10_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 10_000 },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false },
      },
    ],
  },
});
