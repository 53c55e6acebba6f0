import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          // Bounds for a hang, not speed targets: a busy machine makes restarts and server starts slow.
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // Each file starts its own servers; two cores run two files at once.
          maxWorkers: 2,
          // The server's modules are loaded once per worker, not once per file (it keeps no module state).
          isolate: false,
          // Projects with different maxWorkers must run in separate groups: unit first, then this.
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/support/global-setup.ts', 'test/support/build-app.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
})
