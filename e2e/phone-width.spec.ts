import type { Browser, Page } from '@playwright/test';
import { de } from '../apps/web/src/app/i18n/de.ts';
import { en, type Messages } from '../apps/web/src/app/i18n/en.ts';
import { enPages } from '../apps/web/src/app/i18n/en-pages.ts';
import { expect, journeyPortal, test } from './fixtures.ts';

// Issue 14, item 3: on a 390 px phone no page is wider than the screen, and nothing on a page (a list's fields,
// its actions, a form's inputs) is cut off by the screen's edge or by a box that scrolls sideways. Every page of
// the admin console, of the customer portal and without a session is checked in English and German; a walk
// reports all its pages' findings together.

type Language = 'en' | 'de';
const texts: Record<Language, Messages> = { en: { ...en, ...enPages }, de };

const portalPages = ['/portal', '/portal/subscription', '/portal/team', '/portal/invoices'];
const publicPages = [
  '/sign-in',
  '/forgot-password',
  '/sign-up',
  '/setup?token=expired',
  '/reset-password?token=expired',
  '/invitation?token=expired',
  '/team-invitation?token=expired',
  '/verify-email?token=expired',
];

const demo = journeyPortal(() => ({}), { demo: true });

/** The demo's administrator and a customer's main user, as `vmsp seed --demo` printed them. */
function demoUsers() {
  const out = demo.portal.seedOutput ?? '';
  const [, adminEmail = '', adminPassword = ''] =
    /as the demo administrator (\S+) with the password (\S+)/.exec(out) ?? [];
  const [, , customerEmail = '', customerPassword = ''] =
    /A customer \(([^)]+)\) signs in there as (\S+) with the password "([^"]+)"/.exec(out) ?? [];
  expect(adminEmail && customerEmail, out).toBeTruthy();
  return { adminEmail, adminPassword, customerEmail, customerPassword };
}

async function phone(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
  return context.newPage();
}

/**
 * What does not fit: the page wider than the screen, and each visible control, cell, card or heading in the
 * page's main area or header that reaches past the screen or past a box that clips or scrolls it sideways.
 */
async function misfits(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const found: string[] = [];
    const pageWidth = document.documentElement.scrollWidth;
    if (pageWidth > width) found.push(`the page is ${pageWidth} px wide`);
    const selector =
      'button, a, input:not([type="hidden"]), select, textarea, td, th, li, h1, h2, h3, [role="radio"], label';
    for (const element of document.querySelectorAll(`main :is(${selector}), header :is(${selector})`)) {
      if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      let left = 0;
      let right = width;
      for (let box = element.parentElement; box; box = box.parentElement) {
        if (getComputedStyle(box).overflowX === 'visible') continue;
        const clip = box.getBoundingClientRect();
        left = Math.max(left, clip.left);
        right = Math.min(right, clip.right);
      }
      if (rect.left < left - 1 || rect.right > right + 1) {
        const name = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40);
        found.push(
          `${element.tagName.toLowerCase()} "${name}" spans ${Math.round(rect.left)}–${Math.round(rect.right)} px`,
        );
      }
    }
    return found;
  });
}

/** The walk in progress, whose findings are printed after it, also when it fails on the way. */
let current: Walk | undefined;

/** Each page's misfits, counted and printed after the walk. */
class Walk {
  readonly findings = new Map<string, string[]>();
  readonly page: Page;
  readonly language: Language;
  constructor(page: Page, language: Language) {
    this.page = page;
    this.language = language;
    current = this;
  }

  async check(where: string): Promise<void> {
    await expect(this.page.getByLabel(texts[this.language].app.loading, { exact: true })).toHaveCount(0);
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
    // The page's lists and figures have arrived, and fonts and lazy parts are in place.
    await this.page.waitForLoadState('networkidle');
    const found = await misfits(this.page);
    if (found.length > 0) this.findings.set(where, found);
  }

  report(): string {
    const pages = [...this.findings].map(
      ([where, found]) => `${where}:\n    ${found.slice(0, 8).join('\n    ')}`,
    );
    return `${this.findings.size} page(s) do not fit\n${pages.join('\n')}`;
  }

  done(): void {
    expect(this.findings.size, this.report()).toBe(0);
  }
}

async function chooseLanguage(page: Page, language: Language): Promise<void> {
  if (language === 'en') return;
  await page.getByRole('radiogroup', { name: en.app.language }).getByText('DE', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
}

async function signIn(page: Page, language: Language, email: string, password: string): Promise<void> {
  const t = texts[language].signIn;
  await page.goto(`${demo.portal.url}/sign-in`);
  await chooseLanguage(page, language);
  await page.getByLabel(t.email).fill(email);
  await page.getByLabel(t.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: t.submit }).click();
}

test.afterEach(() => {
  if (current) console.log(`${test.info().title}: ${current.report()}`);
  current = undefined;
});

for (const language of ['en', 'de'] as const) {
  const t = texts[language];

  test(`pages without a session fit a phone, ${language}`, async ({ browser }) => {
    test.setTimeout(180_000);
    const page = await phone(browser);
    const walk = new Walk(page, language);
    await page.goto(`${demo.portal.url}/sign-in`);
    await chooseLanguage(page, language);
    for (const path of publicPages) {
      await page.goto(`${demo.portal.url}${path}`);
      await walk.check(path);
    }
    walk.done();
  });

  test(`the admin console fits a phone, ${language}`, async ({ browser }) => {
    test.setTimeout(180_000);
    const { adminEmail, adminPassword } = demoUsers();
    const page = await phone(browser);
    const walk = new Walk(page, language);
    await signIn(page, language, adminEmail, adminPassword);
    await expect(page).toHaveURL(/\/admin/);
    // Every page of the admin console's menu, read from the menu itself: a page added there is checked too.
    const menuLinks = page.locator('nav a[href^="/admin/"]');
    await expect(menuLinks.first()).toBeAttached();
    const adminPages = await menuLinks.evaluateAll((links) =>
      links.map((link) => link.getAttribute('href') ?? ''),
    );
    expect(adminPages.length).toBeGreaterThan(10);
    for (const path of adminPages) {
      await page.goto(`${demo.portal.url}${path}`);
      await walk.check(path);
    }

    // The lists' cards show each item's essentials with its actions on the screen.
    await page.goto(`${demo.portal.url}/admin/billing`);
    const customer = page.getByTestId('list-card').first();
    await expect(
      customer.getByRole('button', { name: new RegExp(t.customers.actionsFor.split('{{')[0] ?? '') }),
    ).toBeInViewport();
    await expect(customer.getByText(t.customers.columns.status)).toBeVisible();
    // Without the table's headers, the cards are sorted from a select.
    const firstCompany = (await customer.locator('p').first().textContent()) ?? '';
    await page
      .getByLabel(t.common.sortBy)
      .selectOption(t.common.sortDescending.replace('{{column}}', t.customers.columns.companyName));
    await expect(page).toHaveURL(/dir=desc/);
    await expect(page.getByTestId('list-card').first()).not.toContainText(firstCompany);
    await page.goto(`${demo.portal.url}/admin/invoices`);
    await expect(page.getByTestId('list-card').first().getByRole('button').first()).toBeInViewport();
    await page.goto(`${demo.portal.url}/admin/settings/admins`);
    await expect(page.getByTestId('list-card').first().getByText(adminEmail)).toBeInViewport();
    walk.done();
  });

  test(`the customer portal fits a phone, ${language}`, async ({ browser }) => {
    test.setTimeout(180_000);
    const { customerEmail, customerPassword } = demoUsers();
    const page = await phone(browser);
    const walk = new Walk(page, language);
    await signIn(page, language, customerEmail, customerPassword);
    await expect(page).toHaveURL(/\/portal/);
    for (const path of portalPages) {
      await page.goto(`${demo.portal.url}${path}`);
      await walk.check(path);
    }
    await page.goto(`${demo.portal.url}/portal/team`);
    await expect(page.getByTestId('list-card').first().getByText(customerEmail)).toBeInViewport();
    walk.done();
  });
}
