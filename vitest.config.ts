import { defineConfig } from 'vitest/config';

// One runner for the whole workspace: `npm test` runs every project. The server's integration tests
// run on PGlite unless TEST_DATABASE_URL points at a PostgreSQL server.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'domain', root: 'packages/domain', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'contracts',
          root: 'packages/contracts',
          include: ['src/**/*.test.ts'],
          passWithNoTests: true,
        },
      },
      // The web app's pure modules (no DOM): its screens are covered by the Playwright journeys.
      { test: { name: 'web', root: 'apps/web', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'server',
          root: 'apps/server',
          include: ['src/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
