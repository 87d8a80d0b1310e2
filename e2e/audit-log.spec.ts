import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { createCustomer, expect, journeyPortal, signInAs, test } from './fixtures.ts';

// The Audit Log reads as sentences: an admin locks a customer and changes its address, then finds both in the
// log filtered by that customer (searched by name) and today's date, in English and in German, follows the
// customer's name to its details, and downloads the filtered entries as CSV.
const journey = journeyPortal();

/** Today in the billing time zone (the portal's default, Europe/Berlin), as the date filter takes it. */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());

async function openCustomerAction(page: Page, company: string, action: string) {
  const row = page.getByRole('row').filter({ hasText: company });
  await row.getByRole('button', { name: `Actions for ${company}` }).click();
  await page.getByRole('menuitem', { name: action }).click();
}

test('an admin finds its changes to a customer in the audit log as sentences, in English and German', async ({
  page,
}) => {
  await signInAs(page, journey.portal);
  await expect(page).toHaveURL(/\/admin/);
  const mail = await page.request.put(`${journey.portal.url}/api/settings/mail`, {
    data: { transport: 'log', fromAddress: 'portal@provider.test' },
  });
  expect(mail.ok()).toBe(true);
  await createCustomer(page, journey.portal, {
    companyName: 'Blue Harbor Ltd',
    contactEmail: 'it@blue.test',
  });
  await createCustomer(page, journey.portal, { companyName: 'Grey Dock AG', contactEmail: 'it@grey.test' });

  // The admin locks Blue Harbor and changes its address.
  const menu = page.getByRole('navigation', { name: 'Menu panel' });
  await menu.getByRole('link', { name: 'Billing' }).click();
  await openCustomerAction(page, 'Blue Harbor Ltd', 'Details');
  await page.getByLabel('Account locked').check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('The account of Blue Harbor Ltd is locked.')).toBeVisible();
  await page.keyboard.press('Escape');
  await openCustomerAction(page, 'Blue Harbor Ltd', 'Edit Address');
  const address = page.getByRole('dialog', { name: 'Edit Address' });
  await address.getByLabel('Street').fill('Pier 7');
  await address.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('The address of Blue Harbor Ltd was saved.')).toBeVisible();

  // The log, filtered by the customer (searched by name) and today.
  await menu.getByRole('link', { name: 'Audit Log' }).click();
  await expect(page.getByRole('heading', { name: 'Audit Log' })).toBeVisible();
  const filters = page.getByRole('search', { name: 'Filter the audit log' });
  await filters.getByLabel('Customer', { exact: true }).fill('blue');
  await page.getByRole('option', { name: 'Blue Harbor Ltd' }).click();
  await filters.getByLabel('From', { exact: true }).fill(today);
  await filters.getByLabel('To', { exact: true }).fill(today);
  await expect(page).toHaveURL(new RegExp(`customerId=[0-9a-f-]{36}.*from=${today}&to=${today}`));

  const entries = page.getByTestId('audit-entry');
  await expect(entries).toHaveText([
    /admin@provider\.test changed the address of Blue Harbor Ltd/,
    /admin@provider\.test locked Blue Harbor Ltd/,
    /admin@provider\.test created the customer Blue Harbor Ltd/,
  ]);
  await expect(page.getByText('Grey Dock AG')).toHaveCount(0);

  // Before and after, as the changed fields only.
  const changed = entries.first();
  await changed.getByRole('button', { name: 'Show changes' }).click();
  await expect(changed.getByRole('definition')).toHaveText([/Invalidenstraße 1.*→.*Pier 7/]);
  await expect(changed.getByRole('term')).toHaveText(['Address › Street']);

  // The same entries in German.
  await page.getByRole('radiogroup', { name: 'Language' }).getByText('DE').click();
  await expect(page.getByRole('heading', { name: 'Audit-Protokoll' })).toBeVisible();
  await expect(entries).toHaveText([
    /admin@provider\.test hat die Adresse von Blue Harbor Ltd geändert/,
    /admin@provider\.test hat Blue Harbor Ltd gesperrt/,
    /admin@provider\.test hat den Kunden Blue Harbor Ltd angelegt/,
  ]);
  await expect(changed.getByRole('term')).toHaveText(['Adresse › Straße']);

  // The filtered entries as CSV (German Excel's dialect in German).
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'CSV exportieren' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`audit-log-${today}_${today}.csv`);
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv.split('\r\n').slice(0, -1);
  expect(lines[0]).toBe('\uFEFFat;actorEmail;actorId;action;objectType;objectId;objectName;before;after');
  expect(lines.slice(1).map((line) => line.split(';')[3])).toEqual([
    'customer.address-changed',
    'customer.locked',
    'customer.created',
  ]);
  expect(csv).not.toContain('Grey Dock AG');

  // The customer's name leads to its details.
  await entries.nth(1).getByRole('link', { name: 'Blue Harbor Ltd' }).click();
  await expect(page).toHaveURL(/\/admin\/billing\?customer=/);
  await expect(page.getByRole('dialog', { name: 'Blue Harbor Ltd' })).toBeVisible();
});

test('two days typed before the page renders again both apply', async ({ page }) => {
  await signInAs(page, journey.portal);
  await expect(page).toHaveURL(/\/admin/);
  await page.goto(`${journey.portal.url}/admin/settings/audit`);
  // (In German: the journey before switched the admin's language.)
  const days = page.getByRole('search').locator('input[type="date"]');
  await expect(days).toHaveCount(2);
  // `From` and `To` changed within one task of the page, with no render between them, as a fast hand or a busy
  // machine makes it happen: the second change must not undo the first.
  await page.evaluate((day) => {
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    for (const input of document.querySelectorAll('[role="search"] input[type="date"]')) {
      setValue?.call(input, day);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }, today);
  await expect(page).toHaveURL(new RegExp(`from=${today}&to=${today}`));
});
