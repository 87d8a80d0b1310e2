import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { de } from '../apps/web/src/app/i18n/de.ts';
import { en, type Messages } from '../apps/web/src/app/i18n/en.ts';
import { enPages } from '../apps/web/src/app/i18n/en-pages.ts';
import { ADMIN, expect, Mailbox, test } from './fixtures.ts';
import { ACME, ALPEN, apiOf, CUSTOMER_PASSWORD, NORDLICHT, startInvoicedPortal } from './invoiced-demo.ts';

// Issue 14: axe-core checks every page of the admin console and of the customer portal, the pages without a
// session, and every dialog, drawer and menu reachable from them, in English and in German (chosen with the
// language switch), and fails on any critical or serious violation. Each role and language is one browser
// context that walks the pages as a user would; the findings of a walk are reported together.

type Language = 'en' | 'de';
const texts: Record<Language, Messages> = { en: { ...en, ...enPages }, de };
/** The feature texts this walk needs that live in lazily loaded feature modules. */
const featureTexts = {
  en: { invoices: 'Invoices', markPaid: 'Mark as paid', creditNote: 'Credit note' },
  de: { invoices: 'Rechnungen', markPaid: 'Als bezahlt markieren', creditNote: 'Gutschrift' },
};

/** Every page of the admin console, as its menu lists them (apps/web/src/admin/admin-menu.ts). */
const adminPages = [
  'dashboard',
  'billing',
  'invoices',
  'self-service',
  'payment-methods',
  'settings/mail',
  'settings/mail-log',
  'settings/stripe',
  'settings/company',
  'settings/purchase-prices',
  'settings/project-keys',
  'settings/audit',
  'settings/admins',
];
const portalPages = ['/portal', '/portal/subscription', '/portal/team', '/portal/invoices'];

interface Finding {
  where: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** The walk in progress, whose findings are printed after it, also when it fails on the way. */
let current: Audit | undefined;

/** The findings of one walk, printed readably when it fails. */
class Audit {
  readonly findings: Finding[] = [];
  readonly page: Page;
  /** Menus of the same kind are checked once per walk. */
  readonly seen = new Set<string>();
  constructor(page: Page) {
    this.page = page;
    current = this;
  }

  /** Runs axe on the page, or on what `scope` selects (an open dialog or menu). */
  async check(where: string, scope?: string): Promise<void> {
    if (!scope) {
      // A page: one `main` landmark and one `h1`, so that readers find the page's content and its place.
      await expect(this.page.getByRole('main'), where).toHaveCount(1);
      await expect(this.page.getByRole('heading', { level: 1 }), where).toHaveCount(1);
    }
    let axe = new AxeBuilder({ page: this.page });
    if (scope) axe = axe.include(scope);
    const { violations } = await axe.analyze();
    for (const v of violations) {
      if (v.impact !== 'critical' && v.impact !== 'serious') continue;
      this.findings.push({
        where,
        rule: v.id,
        impact: v.impact,
        help: v.help,
        // Where, and axe's first reason (e.g. the contrast it measured).
        targets: v.nodes.map(
          (n) =>
            `${n.html.slice(0, 100)} at ${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`,
        ),
      });
    }
  }

  report(): string {
    const elements = this.findings.reduce((sum, f) => sum + f.targets.length, 0);
    const lines = this.findings.map(
      (f) =>
        `${f.where}: [${f.impact}] ${f.rule}: ${f.help} (${f.targets.length})\n` +
        f.targets.map((t) => `      ${t}`).join('\n'),
    );
    return `${this.findings.length} critical/serious violation(s) on ${elements} element(s)\n${lines.join('\n')}`;
  }

  done(): void {
    expect(this.findings, this.report()).toEqual([]);
  }
}

/** Waits until the page (or dialog) has drawn its data: no loader is left. */
async function settled(page: Page, language: Language): Promise<void> {
  await expect(page.getByLabel(texts[language].app.loading, { exact: true })).toHaveCount(0);
}

/** Opens a dialog with `open`, checks it, and closes it with Escape. */
async function checkDialog(audit: Audit, language: Language, where: string, open: () => Promise<void>) {
  const { page } = audit;
  const dialogs = page.getByRole('dialog');
  const before = await dialogs.count();
  await open();
  await expect(dialogs).toHaveCount(before + 1);
  await settled(page, language);
  await audit.check(where, '[role="dialog"]');
  await page.keyboard.press('Escape');
  await expect(dialogs).toHaveCount(before);
}

/** Opens the row's actions menu, checks it, and chooses `action`. */
async function chooseAction(audit: Audit, language: Language, company: string, action: string) {
  const { page } = audit;
  const t = texts[language];
  const search = page.getByRole('searchbox', { name: t.customers.search });
  if ((await search.inputValue()) !== company) await search.fill(company);
  const row = page.getByRole('row').filter({ hasText: company });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: t.customers.actionsFor.replace('{{company}}', company) }).click();
  if (!audit.seen.has(company)) await audit.check(`${company}: actions menu`, '[role="menu"]');
  audit.seen.add(company);
  await page.getByRole('menuitem', { name: action, exact: true }).click();
}

async function chooseLanguage(page: Page, language: Language): Promise<void> {
  if (language === 'en') return;
  await page.getByRole('radiogroup', { name: en.app.language }).getByText('DE', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
}

async function signIn(page: Page, url: string, language: Language, email: string, password: string) {
  const t = texts[language].signIn;
  await page.goto(`${url}/sign-in`);
  await chooseLanguage(page, language);
  await page.getByLabel(t.email).fill(email);
  await page.getByLabel(t.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: t.submit }).click();
}

// A control the walk expects but does not find fails the walk at once, naming it, rather than at its timeout.
test.use({ actionTimeout: 15_000 });

const mailbox = new Mailbox();
let demo: Awaited<ReturnType<typeof startInvoicedPortal>> | undefined;
/** Links into the pages without a session, each with a live token. */
const links = { setup: '', invitation: '', reset: '', teamInvitation: '' };

const url = () => demo?.portal.url ?? '';
/** The link in a mail to `to`, received after the first `since` mails, that matches `path`. */
async function linkIn(to: string, path: RegExp, since: number): Promise<string> {
  const pattern = new RegExp(`https?://\\S+${path.source}\\S+`);
  let link: string | undefined;
  await expect
    .poll(() => {
      link = mailbox.messages
        .slice(since)
        .filter((m) => JSON.stringify(m.to ?? '').includes(to))
        .map((m) => m.text?.match(pattern)?.[0])
        .findLast((found) => found !== undefined);
      return link;
    })
    .toBeTruthy();
  return link ?? '';
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await mailbox.start();
  demo = await startInvoicedPortal(mailbox);
  const admin = apiOf(url());
  await admin('POST', '/api/session', { email: ADMIN.email, password: ADMIN.password });
  links.setup = (await admin('POST', '/api/admins', { email: 'second@provider.test' })).inviteUrl;
  const invited = (await admin('GET', `/api/customers?q=${encodeURIComponent(ALPEN.name)}`)).items[0];
  let since = mailbox.messages.length;
  await admin('POST', `/api/customers/${invited.id}/resend-invitation`);
  links.invitation = await linkIn(ALPEN.email, /\/invitation\?token=/, since);
  const customer = apiOf(url());
  await customer('POST', '/api/session', { email: ACME.email, password: CUSTOMER_PASSWORD });
  since = mailbox.messages.length;
  await customer('POST', '/api/portal/team/invitations', { email: 'member@acme-security.test' });
  links.teamInvitation = await linkIn('member@acme-security.test', /\/team-invitation\?token=/, since);
  since = mailbox.messages.length;
  await apiOf(url())('POST', '/api/password-reset', { email: NORDLICHT.email });
  links.reset = await linkIn(NORDLICHT.email, /\/reset-password\?token=/, since);
});

test.afterEach(() => {
  if (current) console.log(`${test.info().title}: ${current.report()}`);
  current = undefined;
});

test.afterAll(async () => {
  await demo?.stop();
  await mailbox.stop();
});

/** A browser that asks for reduced motion: dialogs and menus are checked drawn, not while they fade in. */
async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ reducedMotion: 'reduce' })).newPage();
}

for (const language of ['en', 'de'] as const) {
  const t = texts[language];

  test(`pages without a session, ${language}`, async ({ browser }) => {
    const page = await newPage(browser);
    const audit = new Audit(page);
    await page.goto(`${url()}/sign-in`);
    await chooseLanguage(page, language);
    await audit.check('sign-in');
    await page.getByRole('button', { name: t.signIn.submit }).click();
    await audit.check('sign-in, with errors');
    for (const [where, link] of [
      ['forgot password', `${url()}/forgot-password`],
      ['reset password', links.reset],
      ['reset password, invalid link', `${url()}/reset-password?token=expired`],
      ['setup (admin invitation)', links.setup],
      ['customer invitation', links.invitation],
      ['team invitation', links.teamInvitation],
      ['sign-up', `${url()}/sign-up`],
      ['verify e-mail, invalid link', `${url()}/verify-email?token=expired`],
    ] as const) {
      await page.goto(link);
      await expect(page.getByRole('heading').first()).toBeVisible();
      await settled(page, language);
      await audit.check(where);
    }
    audit.done();
  });

  test(`admin console, ${language}`, async ({ browser }) => {
    test.setTimeout(360_000);
    const page = await newPage(browser);
    const audit = new Audit(page);
    await signIn(page, url(), language, ADMIN.email, ADMIN.password);
    await expect(page).toHaveURL(/\/admin\//);
    // A page added to the menu is added here too.
    await expect(page.locator('nav a[href^="/admin/"]')).toHaveCount(adminPages.length);
    for (const path of adminPages) {
      await page.locator(`nav a[href="/admin/${path}"]`).click();
      await expect(page).toHaveURL(new RegExp(`/admin/${path}`));
      await settled(page, language);
      await audit.check(path);
    }

    // Billing: the customer's details and every action of the rows' menus.
    await page.locator('nav a[href="/admin/billing"]').click();
    await settled(page, language);
    await checkDialog(audit, language, 'New Customer', () =>
      page.getByRole('button', { name: t.customers.newCustomer }).click(),
    );
    const addFilter = page.getByRole('button', { name: t.customers.addFilter });
    await addFilter.click();
    await expect(page.getByRole('dialog')).toHaveCount(1);
    await audit.check('customer filter', '[role="dialog"]');
    await addFilter.click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const actions = t.customers.actions;
    for (const [company, action] of [
      [ACME.name, actions.details],
      [ACME.name, actions['ip-distribution']],
      [ACME.name, actions['change-main-user']],
      [ACME.name, actions['convert-to-managed']],
      [ACME.name, actions.delete],
      [ALPEN.name, actions['resend-invitation']],
      [ALPEN.name, actions.delete],
      [NORDLICHT.name, actions['add-project-key']],
      [NORDLICHT.name, actions['edit-address']],
    ] as const) {
      await checkDialog(audit, language, `${company}: ${action}`, () =>
        chooseAction(audit, language, company, action),
      );
    }

    // Invoices: an invoice's details with its mark-as-paid and credit note dialogs.
    await page.locator('nav a[href="/admin/invoices"]').click();
    await settled(page, language);
    const invoices = page.getByRole('table', { name: featureTexts[language].invoices });
    await invoices.getByRole('row').nth(1).getByRole('button').first().click();
    const dialogs = page.getByRole('dialog');
    await expect(dialogs).toHaveCount(1);
    await settled(page, language);
    await audit.check('invoice details', '[role="dialog"]');
    // The drawer's own dialogs, closed by their close button (Escape would close the drawer too).
    for (const action of [featureTexts[language].markPaid, featureTexts[language].creditNote]) {
      await dialogs.first().getByRole('button', { name: action, exact: true }).click();
      await expect(dialogs).toHaveCount(2);
      await settled(page, language);
      await audit.check(`invoice: ${action}`, '[role="dialog"]');
      await dialogs.last().getByRole('button', { name: t.common.close, exact: true }).click();
      await expect(dialogs).toHaveCount(1);
    }
    await page.keyboard.press('Escape');
    await expect(dialogs).toHaveCount(0);

    // Mail log: a mail; admins: inviting and removing an administrator.
    await page.locator('nav a[href="/admin/settings/mail-log"]').click();
    await settled(page, language);
    await checkDialog(audit, language, 'mail', () =>
      page.getByRole('table').getByRole('button').first().click(),
    );
    await page.locator('nav a[href="/admin/settings/admins"]').click();
    await settled(page, language);
    await checkDialog(audit, language, 'New Administrator', () =>
      page.getByRole('button', { name: t.admins.newAdmin }).click(),
    );
    await checkDialog(audit, language, 'remove administrator', () =>
      page.getByRole('row').filter({ hasText: 'second@provider.test' }).getByRole('button').click(),
    );
    await page.getByRole('banner').getByRole('button', { name: ADMIN.email }).click();
    await audit.check('user menu', '[role="menu"]');
    audit.done();
  });

  test(`customer portal, ${language}`, async ({ browser }) => {
    const page = await newPage(browser);
    const audit = new Audit(page);
    await signIn(page, url(), language, ACME.email, CUSTOMER_PASSWORD);
    await expect(page).toHaveURL(/\/portal/);
    for (const path of portalPages) {
      await page.locator(`main nav a[href="${path}"]`).click();
      await expect(page).toHaveURL(new RegExp(`${path}$`));
      await settled(page, language);
      await audit.check(path);
    }
    await page.locator('main nav a[href="/portal/team"]').click();
    await settled(page, language);
    await checkDialog(audit, language, 'team invite', () =>
      page.getByRole('button', { name: t.team.newInvite }).click(),
    );
    await page.getByRole('banner').getByRole('button', { name: ACME.email }).click();
    await audit.check('user menu', '[role="menu"]');
    audit.done();
  });
}
