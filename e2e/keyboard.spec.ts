/// <reference lib="dom" />
import type { Locator, Page } from '@playwright/test';
import { ADMIN, expect, Mailbox, test } from './fixtures.ts';
import { ACME, NORDLICHT, startInvoicedPortal } from './invoiced-demo.ts';

// Issue 14: the Billing page, the IP Distribution dialog and the invoice list are fully usable without a
// mouse: only Tab, Shift+Tab, Enter, Space, Escape, the arrow keys and typing, and the focused control is
// always visibly marked.

const mailbox = new Mailbox();
let running: Awaited<ReturnType<typeof startInvoicedPortal>> | undefined;
const url = () => running?.portal.url ?? '';

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await mailbox.start();
  running = await startInvoicedPortal(mailbox);
});

test.afterAll(async () => {
  await running?.stop();
  await mailbox.stop();
});

/** Presses Tab (or Shift+Tab) until `target` has the focus. */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  await expect(target).toBeVisible();
  for (let presses = 0; presses < 40; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) break;
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
  await expectVisibleFocus(page);
}

/** The focused element is marked: an outline or a focus ring (box-shadow) that is drawn. */
async function expectVisibleFocus(page: Page): Promise<void> {
  const focus = await page.evaluate(() => {
    const element = document.activeElement as HTMLElement;
    const style = getComputedStyle(element);
    return {
      element: element.outerHTML.slice(0, 120),
      outline: style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0,
      ring: style.boxShadow !== 'none',
    };
  });
  expect(focus.outline || focus.ring, `no visible focus on ${focus.element}`).toBe(true);
}

async function signIn(page: Page): Promise<void> {
  // The session is not what these journeys are about: the admin signs in through the API.
  const res = await page.request.post(`${url()}/api/session`, { data: ADMIN });
  expect(res.ok()).toBe(true);
}

test('the Billing page, a customer’s details and the IP Distribution dialog, by keyboard', async ({
  page,
}) => {
  await signIn(page);
  await page.goto(`${url()}/admin/billing`);
  const main = page.getByRole('main');
  await expect(main.getByRole('row').filter({ hasText: NORDLICHT.name })).toBeVisible();

  // The first Tab reaches the skip link, which leads past the header and the menu.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await expectVisibleFocus(page);
  await page.keyboard.press('Enter');
  await expect(main).toBeFocused();

  // Search, then open the customer's details from its row.
  await tabTo(page, main.getByRole('searchbox', { name: 'Search' }));
  await page.keyboard.type('Acme');
  const row = main.getByRole('row').filter({ hasText: ACME.name });
  await expect(main.getByRole('row').filter({ hasText: NORDLICHT.name })).toBeHidden();
  await tabTo(page, row);
  await page.keyboard.press('Enter');
  const details = page.getByRole('dialog', { name: ACME.name });
  await expect(details.getByText(ACME.email).first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  await expect(row).toBeFocused();

  // The row's actions menu, with the arrow keys.
  const actions = row.getByRole('button', { name: `Actions for ${ACME.name}` });
  await tabTo(page, actions);
  await page.keyboard.press('Enter');
  const ipDistribution = page.getByRole('menuitem', { name: 'IP Distribution' });
  await expect(ipDistribution).toBeVisible();
  for (let presses = 0; presses < 10; presses++) {
    if (await ipDistribution.evaluate((element) => element === document.activeElement)) break;
    await page.keyboard.press('ArrowDown');
  }
  await expect(ipDistribution).toBeFocused();
  await expectVisibleFocus(page);
  await page.keyboard.press('Enter');

  // The total and the split, typed; the external IPs follow.
  const dialog = page.getByRole('dialog', { name: 'IP Distribution' });
  await tabTo(page, dialog.getByRole('textbox', { name: "Total IP's" }));
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('150');
  await tabTo(page, dialog.getByRole('textbox', { name: "Internal IP's" }));
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('130');
  await expect(dialog.getByRole('textbox', { name: "External IP's" })).toHaveValue('20');
  const instant = dialog.getByRole('checkbox', { name: 'Perform action instantly' });
  await tabTo(page, instant);
  if (!(await instant.isChecked())) await page.keyboard.press('Space');
  await expect(instant).toBeChecked();
  await tabTo(page, dialog.getByRole('button', { name: 'Save' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText(`The new IP distribution of ${ACME.name} applies now.`)).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('130');
  await expect(row).toContainText('20');
});

test('the invoice list: filter, open an invoice and download its PDF, by keyboard', async ({ browser }) => {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await signIn(page);
  await page.goto(`${url()}/admin/invoices`);
  const main = page.getByRole('main');
  const table = main.getByRole('table', { name: 'Invoices' });
  const row = table.getByRole('row').filter({ hasText: NORDLICHT.name });
  await expect(row).toBeVisible();

  // Status "issued", chosen with the arrow keys; then the search narrows to one customer.
  const status = main.getByRole('combobox', { name: 'Status' });
  await tabTo(page, status);
  // All → issued, the next option.
  await page.keyboard.press('ArrowDown');
  await expect(status).toHaveValue('issued');
  await expect(page).toHaveURL(/status=issued/);
  await tabTo(page, main.getByRole('searchbox', { name: 'Search' }));
  await page.keyboard.type('Nordlicht');
  await expect(page).toHaveURL(/q=Nordlicht/);
  // The header and Nordlicht's invoice.
  await expect(table.getByRole('row')).toHaveCount(2);

  // Open the invoice's details from its number and download the PDF there.
  const number = row.getByRole('button').first();
  const invoiceNumber = (await number.textContent()) ?? '';
  await tabTo(page, number);
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name: `Invoice ${invoiceNumber}` });
  await expect(drawer).toBeVisible();
  // The PDF is rendered by a job after the month end: the link appears once it is there.
  const pdf = drawer.getByRole('link', { name: 'Download PDF' });
  await expect(pdf).toBeVisible({ timeout: 60_000 });
  await tabTo(page, pdf);
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toBe(`${invoiceNumber}.pdf`);
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(number).toBeFocused();
});
