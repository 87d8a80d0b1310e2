import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { demoSignIns, signedInPage, tourPages } from './demo-tour.ts';
import { expect, journeyPortal, test } from './fixtures.ts';

// Issue 14, point 4: the portal follows the system's dark setting, the user menu switches between Light, Dark
// and System and the choice is remembered; every main page of the demo is readable in dark and in light (axe's
// color-contrast, 4.5:1 for text).

const demo = journeyPortal(() => ({}), { demo: true });
const dark = { colorScheme: 'dark' } as const;

const scheme = (page: Page) => page.locator('html').getAttribute('data-mantine-color-scheme');
/** The page's background as drawn: dark grey in dark (Mantine's dark 7), white in light. */
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('a system set to dark gets the portal in dark; the switch turns it light, and the choice survives a reload', async ({
  browser,
}) => {
  const { admin } = demoSignIns(demo.portal.seedOutput);

  // Before the app's code runs: index.html's first script has already chosen dark (no white flash).
  const bare = await (await browser.newContext(dark)).newPage();
  await bare.route('**/assets/*.js', (route) => route.abort());
  await bare.goto(`${demo.portal.url}/sign-in`);
  expect(await scheme(bare)).toBe('dark');
  await bare.context().close();

  const page = await signedInPage(browser, demo.portal, admin, dark);
  await expect(page).toHaveURL(/\/admin\/dashboard$/);
  expect(await scheme(page)).toBe('dark');
  expect(await background(page)).toBe('rgb(36, 36, 36)');

  const menu = () => page.getByRole('button', { name: admin.email });
  await menu().click();
  await expect(page.getByRole('menuitemradio', { name: 'System' })).toHaveAttribute('aria-checked', 'true');
  await page.getByRole('menuitemradio', { name: 'Light' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
  expect(await background(page)).toBe('rgb(255, 255, 255)');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 2 })).toBeVisible();
  expect(await scheme(page)).toBe('light');
  await menu().click();
  await expect(page.getByRole('menuitemradio', { name: 'Light' })).toHaveAttribute('aria-checked', 'true');

  // Back to the system's setting: dark again.
  await page.getByRole('menuitemradio', { name: 'System' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.context().close();
});

test('the sign-in page toggles dark mode without a user menu', async ({ browser }) => {
  const page = await (await browser.newContext(dark)).newPage();
  await page.goto(`${demo.portal.url}/sign-in`);
  const toggle = page.getByRole('button', { name: 'Dark mode' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Dark mode' })).toHaveAttribute('aria-pressed', 'false');
  await page.context().close();
});

test('every main page is readable in dark, and still in light: text reaches the contrast axe-core asks for', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const signIns = demoSignIns(demo.portal.seedOutput);
  const pages = {
    admin: await signedInPage(browser, demo.portal, signIns.admin, dark),
    customer: await signedInPage(browser, demo.portal, signIns.customer, dark),
  };
  const findings: string[] = [];
  for (const colorScheme of ['dark', 'light'] as const) {
    for (const tour of tourPages) {
      const page = pages[tour.as];
      await page.emulateMedia({ colorScheme });
      await tour.open(page, demo.portal.url);
      expect(await scheme(page)).toBe(colorScheme);
      const { violations } = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
      for (const node of violations.flatMap((v) => v.nodes))
        findings.push(
          `${tour.name} (${colorScheme}): ${node.html.slice(0, 100)}: ${node.failureSummary?.split('\n')[1]?.trim()}`,
        );
    }
  }
  expect(findings, findings.join('\n')).toEqual([]);
});
