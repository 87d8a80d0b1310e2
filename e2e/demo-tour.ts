import type { Browser, BrowserContextOptions, Page } from '@playwright/test';
import { expect, type RunningPortal, signInAs } from './fixtures.ts';

// The main pages of the demo (`vmsp seed --demo`), opened as a user would, for the checks and pictures that
// need them drawn with their data: the dark-mode journey's contrast check and the README's screenshots.

export interface SignIn {
  email: string;
  password: string;
}

/** The demo administrator's and a demo customer's sign-in, as `vmsp seed --demo` printed them. */
export function demoSignIns(seedOutput = ''): { admin: SignIn; customer: SignIn } {
  const [, adminEmail = '', adminPassword = ''] =
    /as the demo administrator (\S+) with the password (\S+)/.exec(seedOutput) ?? [];
  const [, customerEmail = '', customerPassword = ''] =
    /signs in there as (\S+) with the password "([^"]+)"/.exec(seedOutput) ?? [];
  expect(adminEmail && customerEmail, seedOutput).toBeTruthy();
  return {
    admin: { email: adminEmail, password: adminPassword },
    customer: { email: customerEmail, password: customerPassword },
  };
}

/** Waits until the page (or dialog) has drawn its data: no loader is left. */
async function settled(page: Page): Promise<void> {
  await expect(page.getByLabel('Loading…', { exact: true })).toHaveCount(0);
}

async function visit(page: Page, url: string, heading: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: heading, level: 2 })).toBeVisible();
  await settled(page);
}

export interface TourPage {
  /** The file name's first part, e.g. `billing`. */
  name: string;
  as: 'admin' | 'customer';
  open(page: Page, portalUrl: string): Promise<void>;
}

const billing: TourPage = {
  name: 'billing',
  as: 'admin',
  async open(page, url) {
    await visit(page, `${url}/admin/billing`, 'Billing');
    await expect(page.getByRole('button', { name: /^Actions for / }).first()).toBeVisible();
  },
};

export const tourPages: TourPage[] = [
  billing,
  {
    name: 'details',
    as: 'admin',
    async open(page, url) {
      await billing.open(page, url);
      await page
        .getByRole('button', { name: /^Actions for / })
        .first()
        .click();
      await page.getByRole('menuitem', { name: 'Details', exact: true }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await settled(page);
    },
  },
  {
    name: 'dashboard',
    as: 'admin',
    async open(page, url) {
      await visit(page, `${url}/admin/dashboard`, 'Dashboard');
      await expect(
        page
          .getByRole('region', { name: 'Development', exact: true })
          .getByRole('img', { name: /^Chart of the last 6 billing months/ }),
      ).toBeVisible();
    },
  },
  {
    name: 'invoices',
    as: 'admin',
    open: (page, url) => visit(page, `${url}/admin/invoices`, 'Invoices'),
  },
  {
    name: 'audit-log',
    as: 'admin',
    open: (page, url) => visit(page, `${url}/admin/settings/audit`, 'Audit Log'),
  },
  {
    name: 'mail-log',
    as: 'admin',
    open: (page, url) => visit(page, `${url}/admin/settings/mail-log`, 'Mail Log'),
  },
  {
    name: 'overview',
    as: 'customer',
    async open(page, url) {
      await page.goto(`${url}/portal`);
      await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
      await settled(page);
    },
  },
];

/**
 * A browser page signed in as the demo's administrator or customer, in a context of its own (`options`: e.g.
 * the viewport and the emulated colour scheme).
 */
export async function signedInPage(
  browser: Browser,
  portal: RunningPortal,
  who: SignIn,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const page = await (await browser.newContext(options)).newPage();
  await signInAs(page, portal, who.email, who.password);
  await expect(page).toHaveURL(/\/(admin|portal)(\/|$)/);
  return page;
}
