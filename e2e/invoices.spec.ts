import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, Mailbox, signInAs, test, type VmspProcess, vmspOn } from './fixtures.ts';
import { apiOf, inLastMonth, monthStartInBerlin } from './invoiced-demo.ts';

// Issue 12: customers subscribe in last month; `vmsp month-end --at` the start of this month issues their
// invoices; the admin sees them on the Invoices page, marks one paid (and sends it by e-mail to the customer's
// accounting) and issues a credit note on another; the customer signs in, sees its invoice and the credit note
// (and nobody else's) and downloads the PDF; the invoice mails with the PDF attached arrive at a real SMTP
// server.
//
// The month must have ended when the month end runs, and `vmsp month-end` refuses an instant in the future.
// So the portal first runs with its clock set back to the first hour of last month (shifted-clock.mjs) while
// the customers subscribe; then, stopped, the month end runs for the start of this month; then the portal
// runs again on the same data folder with the real clock for the rest of the journey.

const orbit = { name: 'Orbit Networks GmbH', email: 'olga@orbit-networks.test' };
const password = 'amber kettle hums over 19 bridges';
const nebula = { name: 'Nebula Hosting AG', email: 'nina@nebula-hosting.test' };
const nebulaAccounts = 'accounts@nebula-hosting.test';

const realNow = new Date();
const thisMonthStart = monthStartInBerlin(realNow, 0);
/** A minute into this month, or now when this month is younger than that: the month end's --at. */
const monthEndAt = new Date(Math.min(thisMonthStart.getTime() + 60_000, realNow.getTime()));

const dataDir = mkdtempSync(path.join(tmpdir(), 'vmsp-e2e-invoices-'));
const downloads = mkdtempSync(path.join(tmpdir(), 'vmsp-e2e-downloads-'));
const mailbox = new Mailbox();

const vmsp = vmspOn(dataDir);

/** Last month: the spec's price table, two customers with IPs, Orbit's contact registered. */
const subscribeLastMonth = () =>
  inLastMonth(vmsp, mailbox, async (api, portal) => {
    // The spec's example table.
    await api('PUT', '/api/price-table', {
      currency: 'EUR',
      basedOnVersion: null,
      ranges: [
        { from: 1, to: 50, articleName: 'Scan S', articleNumber: 'S-50', unitPrice: '2.00' },
        { from: 51, to: 250, articleName: 'Scan M', articleNumber: 'M-250', unitPrice: '1.50' },
        { from: 251, to: 500, articleName: 'Scan L', articleNumber: 'L-500', unitPrice: '1.00' },
      ],
    });
    for (const [company, ips] of [
      [orbit, 300],
      [nebula, 100],
    ] as const) {
      const created = await api('POST', '/api/customers', {
        companyName: company.name,
        address: { street: 'Invalidenstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
        contactName: 'Contact Person',
        contactEmail: company.email,
      });
      await api('PUT', `/api/customers/${created.id}/ip-distribution`, {
        total: ips,
        internal: ips,
        external: 0,
        instant: true,
        version: created.version,
      });
    }
    // Orbit's contact registers through the invitation (its link would have expired by this month).
    const invitation = await mailbox.waitFor(orbit.email, /invitation/i);
    const token = invitation.text?.match(/\/invitation\?token=(\S+)/)?.[1];
    expect(token).toBeTruthy();
    await apiOf(portal.url)('POST', '/api/invitations/accept', {
      token,
      password,
      passwordConfirmation: password,
    });
  });

let portal: VmspProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await mailbox.start();
  await subscribeLastMonth();
  expect(await vmsp.run(['month-end', '--at', monthEndAt.toISOString()])).toContain('Month end as of');
  portal = await vmsp.start();
});

test.afterAll(async () => {
  await portal?.stop();
  await mailbox.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(downloads, { recursive: true, force: true });
});

/** The number of a customer's invoice (or credit note), as the admin's list shows it. */
async function numberOf(page: Page, customer: string, kind: 'invoice' | 'credit-note') {
  const res = await page.request.get(`${portal?.url}/api/invoices?kind=${kind}`);
  expect(res.status()).toBe(200);
  const items: { number: string; customerName: string }[] = (await res.json()).items;
  const found = items.find((i) => i.customerName === customer);
  expect(found, `${kind} of ${customer}`).toBeTruthy();
  return found?.number ?? '';
}

test('the month end issues invoices; the admin marks one paid and credits another; the customer downloads its PDF', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const url = portal?.url ?? '';
  await signInAs(page, { url, setupUrl: '', output: () => '' });
  await page.getByRole('navigation', { name: 'Menu panel' }).getByRole('link', { name: 'Invoices' }).click();
  const table = page.getByRole('table', { name: 'Invoices' });
  const orbitRow = table.getByRole('row').filter({ hasText: orbit.name });
  const nebulaRow = table.getByRole('row').filter({ hasText: nebula.name });
  // 300 IPs for the whole month: 450.00 net + 19 % VAT; 100 IPs: 175.00 net.
  await expect(orbitRow).toContainText('€535.50');
  await expect(nebulaRow).toContainText('€208.25');
  await expect(orbitRow).toContainText('issued');
  const orbitInvoice = await numberOf(page, orbit.name, 'invoice');
  const nebulaInvoice = await numberOf(page, nebula.name, 'invoice');

  // Nebula paid today.
  await nebulaRow.getByRole('button', { name: nebulaInvoice, exact: true }).click();
  const nebulaDrawer = page.getByRole('dialog', { name: `Invoice ${nebulaInvoice}` });
  await nebulaDrawer.getByRole('button', { name: 'Mark as paid' }).click();
  const paidDialog = page.getByRole('dialog', { name: `Mark ${nebulaInvoice} as paid` });
  await paidDialog.getByRole('button', { name: 'Mark as paid' }).click();
  await expect(page.getByText(`${nebulaInvoice} is marked as paid.`)).toBeVisible();
  await expect(paidDialog).toBeHidden();
  // Nebula's accounting asks for the invoice once more, at an address of its own.
  await nebulaDrawer.getByRole('button', { name: 'Send by e-mail' }).click();
  const mailDialog = page.getByRole('dialog', { name: `Send ${nebulaInvoice} by e-mail` });
  await expect(mailDialog.getByLabel('To')).toHaveValue(nebula.email);
  await mailDialog.getByLabel('To').fill(nebulaAccounts);
  await mailDialog.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByText(`${nebulaInvoice} is on its way to ${nebulaAccounts}.`)).toBeVisible();
  await expect(nebulaDrawer.getByRole('table', { name: 'History' })).toContainText(nebulaAccounts);
  await nebulaDrawer.getByRole('button', { name: 'Close the details' }).click();
  await expect(nebulaRow).toContainText('paid');

  // Orbit is credited the third range (50 IPs at 1.00): 50.00 net, 59.50 gross.
  await orbitRow.getByRole('button', { name: orbitInvoice, exact: true }).click();
  const orbitDrawer = page.getByRole('dialog', { name: `Invoice ${orbitInvoice}` });
  await orbitDrawer.getByRole('button', { name: 'Credit note' }).click();
  const creditDialog = page.getByRole('dialog', { name: `Credit note for ${orbitInvoice}` });
  await creditDialog.getByLabel('Reason').fill('50 IPs were not reachable all month');
  await creditDialog.getByRole('radio', { name: 'Chosen lines' }).check();
  await creditDialog.getByRole('checkbox', { name: /^Scan L/ }).check();
  await expect(creditDialog.getByText('€59.50').first()).toBeVisible();
  await creditDialog.getByRole('button', { name: 'Issue credit note' }).click();
  await expect(page.getByText('The credit note was issued.')).toBeVisible();
  await orbitDrawer.getByRole('button', { name: 'Close the details' }).click();
  const creditNote = await numberOf(page, orbit.name, 'credit-note');
  await expect(table.getByRole('row').filter({ hasText: creditNote })).toContainText(`for ${orbitInvoice}`);

  // The customer sees its invoice and the credit note, not Nebula's, and downloads the PDF.
  const customerPage = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await signInAs(customerPage, { url, setupUrl: '', output: () => '' }, orbit.email, password);
  // The portal opens on its overview, whose latest invoices include this one.
  const latest = customerPage.getByRole('region', { name: 'Latest invoices' });
  await expect(
    latest.getByRole('row').filter({ has: customerPage.getByText(orbitInvoice, { exact: true }) }),
  ).toContainText('€535.50');
  await customerPage
    .getByRole('navigation', { name: 'Portal' })
    .getByRole('link', { name: 'Invoices' })
    .click();
  const own = customerPage.getByRole('table', { name: 'Invoices' });
  const invoiceRow = own
    .getByRole('row')
    .filter({ has: customerPage.getByText(orbitInvoice, { exact: true }) });
  await expect(invoiceRow).toContainText('€535.50');
  await expect(own.getByRole('row').filter({ hasText: creditNote })).toContainText('Credit note');
  await expect(own).not.toContainText(nebulaInvoice);
  const pdfLink = customerPage.getByRole('link', { name: `Download the PDF of ${orbitInvoice}` });
  const [download] = await Promise.all([customerPage.waitForEvent('download'), pdfLink.click()]);
  expect(download.suggestedFilename()).toBe(`${orbitInvoice}.pdf`);
  const saved = path.join(downloads, download.suggestedFilename());
  await download.saveAs(saved);
  expect(readFileSync(saved).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // The invoice mail, with the same PDF attached.
  const mail = await mailbox.waitFor(orbit.email, new RegExp(orbitInvoice), 60_000);
  const attachment = mail.attachments.find((a) => a.filename === `${orbitInvoice}.pdf`);
  expect(attachment?.contentType).toBe('application/pdf');
  expect(attachment?.content.equals(readFileSync(saved))).toBe(true);
  await mailbox.waitFor(orbit.email, new RegExp(creditNote), 60_000);
  // Nebula's invoice, sent again by the admin.
  const again = await mailbox.waitFor(nebulaAccounts, new RegExp(nebulaInvoice), 60_000);
  expect(again.attachments.map((a) => a.filename)).toEqual([`${nebulaInvoice}.pdf`]);
});
