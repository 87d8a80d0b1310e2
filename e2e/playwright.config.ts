import { defineConfig } from '@playwright/test';

// Journeys drive Debian's Chromium (never a downloaded browser). Each spec file starts its own portal on
// a fresh embedded database and its own SMTP server (see fixtures.ts); one worker keeps the 2-core CI calm.
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // The README's screenshots are made on demand (`npm run screenshots`, screenshots.config.ts), not as a journey.
  testIgnore: 'screenshots.spec.ts',
  workers: 1,
  retries: 0,
  // Bounds against a hang, not speed targets: a journey that walks every page with axe, or a page that waits
  // for the embedded database on a busy machine, takes minutes there.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    locale: 'en-US',
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
