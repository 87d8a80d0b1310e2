import { defineConfig } from 'vitest/config';

// One runner for the whole workspace: `npm test` runs every project. The server's integration tests
// run on PGlite unless TEST_DATABASE_URL points at a PostgreSQL server.

// Timeouts only catch a test that hangs; none measures speed. On one busy core a test that renders invoice
// PDFs or loads the password dictionaries takes tens of seconds, so the bounds are minutes.
const hangGuard = { testTimeout: 120_000, hookTimeout: 180_000 };

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'domain', root: 'packages/domain', include: ['src/**/*.test.ts'], ...hangGuard } },
      {
        test: {
          name: 'contracts',
          root: 'packages/contracts',
          include: ['src/**/*.test.ts'],
          passWithNoTests: true,
          ...hangGuard,
        },
      },
      // The web app's pure modules (no DOM): its screens are covered by the Playwright journeys.
      { test: { name: 'web', root: 'apps/web', include: ['src/**/*.test.ts'], ...hangGuard } },
      {
        test: {
          name: 'server',
          root: 'apps/server',
          include: ['src/**/*.test.ts'],
          ...hangGuard,
        },
      },
    ],
  },
});
