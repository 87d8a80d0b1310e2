import AxeBuilder from '@axe-core/playwright';
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

  test(`the pages of mailed links fit a phone with a valid token, ${language}`, async ({ browser }) => {
    test.setTimeout(180_000);
    const links = await mailedLinks(browser);
    const page = await phone(browser);
    const walk = new Walk(page, language);
    await page.goto(`${demo.portal.url}/sign-in`);
    await chooseLanguage(page, language);
    for (const link of links) {
      await page.goto(link);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      // A valid token shows the form to choose a password, not the page's refusal.
      await expect(page.locator('form input[type="password"]').first()).toBeVisible();
      await expect(page.locator('form button[type="submit"]')).toBeInViewport();
      await walk.check(`${new URL(link).pathname} (valid token)`);
    }
    walk.done();
  });
}

test('a tap on a card opens its item, as a click on its row does on a wide screen', async ({ browser }) => {
  test.setTimeout(180_000);
  const { adminEmail, adminPassword } = demoUsers();
  const t = texts.en;
  const page = await phone(browser);
  await signIn(page, 'en', adminEmail, adminPassword);
  await expect(page).toHaveURL(/\/admin/);

  await page.goto(`${demo.portal.url}/admin/billing`);
  const cards = page.getByTestId('list-card');
  const second = cards.nth(1);
  await expect(second).toBeVisible();
  expect(await seriousAxeFindings(page)).toEqual([]);
  const company = ((await second.locator('p').first().textContent()) ?? '').trim();
  expect(company).not.toBe('');
  // The card is named by its item, and a tap on its fields (not a control) opens the customer's details.
  await expect(page.getByRole('listitem', { name: new RegExp(company) })).toHaveCount(1);
  await second.locator('dt').first().tap();
  const details = page.getByRole('dialog', { name: company });
  await expect(details).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  // Its actions menu is its own: opening it does not open the details too.
  await second.getByRole('button', { name: new RegExp(t.customers.actionsFor.split('{{')[0] ?? '') }).tap();
  await expect(page.getByRole('menu')).toBeVisible();
  await expect(details).toBeHidden();
  await page.keyboard.press('Escape');
  // From the keyboard: the card takes the focus and Enter opens it.
  await second.focus();
  await page.keyboard.press('Enter');
  await expect(details).toBeVisible();

  await page.goto(`${demo.portal.url}/admin/invoices`);
  const invoice = page.getByTestId('list-card').nth(1);
  const number = ((await invoice.getByRole('button').first().textContent()) ?? '').trim();
  expect(number).not.toBe('');
  expect(await seriousAxeFindings(page)).toEqual([]);
  await invoice.locator('dt').first().tap();
  await expect(page.getByRole('dialog', { name: new RegExp(`\\b${number}$`) })).toBeVisible();
});

/** axe's critical and serious findings on the page, each with the elements it names. */
async function seriousAxeFindings(page: Page): Promise<string[]> {
  await expect(page.getByLabel(en.app.loading, { exact: true })).toHaveCount(0);
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The mailed links of each kind, with valid tokens, made once for both languages. */
let mailed: string[] | undefined;

/**
 * Mails a link of each kind that carries a token to the journey's SMTP server, as the portal's users would ask
 * for them: an administrator's invitation (set-up), a new customer's invitation, a password reset and a team
 * member's invitation from the demo customer's main user.
 */
async function mailedLinks(browser: Browser): Promise<string[]> {
  if (mailed) return mailed;
  const { adminEmail, adminPassword, customerEmail, customerPassword } = demoUsers();
  const { portal, mailbox } = demo;
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, 'en', adminEmail, adminPassword);
  await expect(admin).toHaveURL(/\/admin/);
  const smtp = await admin.request.put(`${portal.url}/api/settings/mail`, {
    data: {
      transport: 'smtp',
      host: '127.0.0.1',
      port: mailbox.port,
      encryption: 'none',
      fromAddress: 'billing@demo-provider.example',
    },
  });
  expect(smtp.status(), await smtp.text()).toBe(200);
  const linkIn = async (to: string, subject: RegExp, path: string) => {
    const mail = await mailbox.waitFor(to, subject);
    const link = mail.text?.match(new RegExp(`https?://\\S+/${path}\\?token=\\S+`))?.[0];
    if (!link) throw new Error(`no ${path} link in the mail to ${to}`);
    return link;
  };

  const newAdmin = 'second.admin@demo-provider.example';
  const invited = await admin.request.post(`${portal.url}/api/admins`, { data: { email: newAdmin } });
  expect(invited.status(), await invited.text()).toBe(201);
  const contact = 'petra.phone@narrow-screens.example';
  const customer = await admin.request.post(`${portal.url}/api/customers`, {
    data: {
      companyName: 'Narrow Screens GmbH',
      address: { street: 'Schmale Gasse 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
      contactName: 'Petra Phone',
      contactEmail: contact,
      serviceMode: 'managed',
    },
  });
  expect(customer.status(), await customer.text()).toBe(201);
  const reset = await admin.request.post(`${portal.url}/api/password-reset`, { data: { email: adminEmail } });
  expect(reset.ok(), await reset.text()).toBe(true);

  const main = await (await browser.newContext()).newPage();
  await signIn(main, 'en', customerEmail, customerPassword);
  await expect(main).toHaveURL(/\/portal/);
  const member = 'max.member@narrow-screens.example';
  const team = await main.request.post(`${portal.url}/api/portal/team/invitations`, {
    data: { email: member, locale: 'de' },
  });
  expect(team.ok(), await team.text()).toBe(true);

  mailed = [
    await linkIn(newAdmin, /./, 'setup'),
    await linkIn(contact, /./, 'invitation'),
    await linkIn(adminEmail, /./, 'reset-password'),
    await linkIn(member, /./, 'team-invitation'),
  ];
  await admin.context().close();
  await main.context().close();
  return mailed;
}
