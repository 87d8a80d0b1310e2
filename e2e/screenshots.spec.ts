import path from 'node:path';
import type { Page } from '@playwright/test';
import { demoSignIns, signedInPage, tourPages } from './demo-tour.ts';
import { journeyPortal, test } from './fixtures.ts';

// The README's screenshots (docs/screenshots/page-width-scheme.png), renewed by `npm run screenshots` on the
// demo: the Billing page, a customer's details, the Dashboard and the customer portal's overview, on a desktop
// (1440×900) and a phone (390×844), light and dark. Only what fits the screen is pictured, which keeps the files
// small. Not a journey: its own config (screenshots.config.ts) runs it, the journeys' config leaves it out.

const demo = journeyPortal(() => ({}), { demo: true });
const folder = path.resolve(import.meta.dirname, '../docs/screenshots');
const pictured = new Set(['billing', 'details', 'dashboard', 'overview']);
const viewports = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
];

for (const viewport of viewports) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`${viewport.width}×${viewport.height}, ${colorScheme}`, async ({ browser }) => {
      test.setTimeout(300_000);
      const signIns = demoSignIns(demo.portal.seedOutput);
      const pages: Partial<Record<'admin' | 'customer', Page>> = {};
      for (const tour of tourPages.filter((p) => pictured.has(p.name))) {
        pages[tour.as] ??= await signedInPage(browser, demo.portal, signIns[tour.as], {
          viewport,
          colorScheme,
        });
        const page = pages[tour.as] as Page;
        await tour.open(page, demo.portal.url);
        // No hover highlight or tooltip where the last click was.
        await page.mouse.move(0, 0);
        await page.screenshot({
          path: path.join(folder, `${tour.name}-${viewport.width}-${colorScheme}.png`),
          animations: 'disabled',
          caret: 'hide',
        });
      }
    });
  }
}
