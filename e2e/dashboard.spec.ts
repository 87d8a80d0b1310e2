import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { expect, journeyPortal, signInAs, test } from './fixtures.ts';

// Issue 13, point 2: the admin console opens on the Dashboard. A customer set up through the API (300 IPs now, a
// downgrade to 250 at the month end) shows in its figures; without a purchase price table the Dashboard says so
// and links to the settings; a figure's card leads to the list it counts, filtered in the URL; the month's
// billing data is offered for download.
const company = 'Nimbus Scan GmbH';

const journey = journeyPortal();

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

test('the admin lands on the Dashboard, sees a customer in its figures and follows one to the list', async ({
  page,
}) => {
  await signInAs(page, journey.portal);
  await expect(page).toHaveURL(/\/admin\/dashboard$/);
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 2 })).toBeVisible();

  const url = journey.portal.url;
  const put = async (path: string, data: object) => {
    const res = await page.request.put(`${url}${path}`, { data });
    expect(res.status(), await res.text()).toBe(200);
    return res.json();
  };
  await put('/api/settings/mail', { transport: 'log', fromAddress: 'billing@provider.test' });
  await put('/api/price-table', {
    currency: 'EUR',
    basedOnVersion: null,
    ranges: [
      { from: 1, to: 50, articleName: 'Scan S', articleNumber: 'S-50', unitPrice: '2.00' },
      { from: 51, to: 250, articleName: 'Scan M', articleNumber: 'M-250', unitPrice: '1.50' },
      { from: 251, to: 500, articleName: 'Scan L', articleNumber: 'L-500', unitPrice: '1.00' },
    ],
  });
  const created = await page.request.post(`${url}/api/customers`, {
    data: {
      companyName: company,
      address: { street: 'Invalidenstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
      contactName: 'Nina Nimbus',
      contactEmail: 'nina@nimbus-scan.test',
      serviceMode: 'managed',
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const customer = (await created.json()) as { id: string; version: number };
  const distribute = async (internal: number, external: number, instant: boolean, version: number) => {
    const answer = (await put(`/api/customers/${customer.id}/ip-distribution`, {
      total: internal + external,
      internal,
      external,
      instant,
      version,
    })) as { customer: { version: number } };
    return answer.customer.version;
  };
  // 50 × 2.00 + 200 × 1.50 + 50 × 1.00 = 450.00 a month; the downgrade to 250 IPs costs 400.00.
  const version = await distribute(200, 100, true, customer.version);
  await distribute(150, 100, false, version);

  await page.reload();
  const ips = region(page, 'IPs');
  await expect(ips).toContainText(/IPs total\s*300/);
  await expect(ips).toContainText(/Internal IPs\s*200/);
  await expect(ips).toContainText(/External IPs\s*100/);
  const revenue = region(page, 'Revenue');
  await expect(revenue).toContainText(/Monthly recurring revenue\s*€450\.00/);
  await expect(revenue).toContainText(/Average sales price per IP\s*€1\.50/);
  await expect(revenue).toContainText(/Income from managed customers\s*€450\.00/);
  const scheduled = region(page, 'Scheduled at the month end');
  await expect(scheduled).toContainText(/Scheduled changes\s*1/);
  await expect(scheduled).toContainText(/IP change\s*-50/);
  await expect(scheduled).toContainText(/Revenue change\s*-€50\.00/);

  // No purchase price table yet: the notice says so and leads to the settings.
  await expect(page.getByText('No purchase price table applies to this month')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open Purchase Prices' })).toHaveAttribute(
    'href',
    '/admin/settings/purchase-prices',
  );

  // The month's billing data, in three formats.
  const month = /month=(\d{4}-\d{2})/;
  await page.getByRole('button', { name: 'Billing data' }).click();
  const xlsx = page.getByRole('menuitem', { name: 'Excel (XLSX)' });
  await expect(xlsx).toHaveAttribute('href', /^\/api\/billing-data\?month=\d{4}-\d{2}&format=xlsx$/);
  await expect(page.getByRole('menuitem', { name: 'CSV' })).toHaveAttribute('href', month);
  await page.keyboard.press('Escape');

  // The invited customer's card leads to the Billing list filtered to invited customers.
  const customers = region(page, 'Customers');
  await expect(customers).toContainText(/Invited\s*1/);
  await customers.getByRole('link', { name: 'Invited 1' }).click();
  await expect(page).toHaveURL(/\/admin\/billing\?status=invited$/);
  await expect(page.getByRole('row').filter({ hasText: company })).toBeVisible();
});

// The development chart: the last 6 or 12 billing months, drawn (lazily loaded) and as a table of the same
// numbers; the current month's row agrees with the month's figures above it.
test('the admin reads the development of the last months as a chart and as a table', async ({ page }) => {
  await signInAs(page, journey.portal);
  const development = region(page, 'Development');
  await expect(development.getByRole('img', { name: /^Chart of the last 6 billing months/ })).toBeVisible();
  await expect(development.getByText('Revenue', { exact: true })).toBeVisible();
  await expect(development.getByText('IPs', { exact: true })).toBeVisible();

  await development.getByText('Table', { exact: true }).click();
  const table = development.getByRole('table', { name: 'Development of the last 6 billing months' });
  await expect(table.getByRole('columnheader', { name: 'Billing month' })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(7);
  // This portal has no purchase price table: the chart and the table leave purchase cost and margin out, and say why.
  await expect(table.getByRole('columnheader', { name: 'Purchase cost' })).toHaveCount(0);
  await expect(development.getByText(/^Purchase cost and margin are not shown/)).toBeVisible();
  // The current month's row shows the revenue and IPs of the figures above.
  const figure = async (section: string, label: string) =>
    (await region(page, section)
      .getByText(label, { exact: true })
      .locator('xpath=following-sibling::p[1]')
      .textContent()) ?? '';
  const cells = table.getByRole('row', { name: /\(current\)/ }).getByRole('cell');
  await expect(cells.first()).toHaveText(await figure('Revenue', 'Monthly recurring revenue'));
  await expect(cells.last()).toHaveText(await figure('IPs', 'IPs total'));

  await development.getByText('12 months', { exact: true }).click();
  await expect(
    development.getByRole('table', { name: 'Development of the last 12 billing months' }).getByRole('row'),
  ).toHaveCount(13);
  await development.getByText('Chart', { exact: true }).click();
  await expect(development.getByRole('img', { name: /^Chart of the last 12 billing months/ })).toBeVisible();
});

// Issue 13's demo: after `vmsp seed --demo` (six months of customers, changes and invoices), the admin sees the
// business on the Dashboard, follows the overdue invoices of a past month to the filtered Invoices list, and
// downloads last month's billing data as XLSX and CSV, whose sales add up to that month's invoices (the billing
// data's rule: an invoiced customer's sales are its invoice's lines, so the totals agree to the cent with the
// month's invoices' net amounts). A demo customer finds its latest invoice on the portal overview.
test.describe('after the demo seed', () => {
  const demo = journeyPortal(() => ({}), { demo: true });

  test('the admin reads the demo business, follows the overdue invoices and downloads last month’s billing data; a customer sees its latest invoice', async ({
    page,
    browser,
  }) => {
    test.setTimeout(180_000);
    const { url, seedOutput = '' } = demo.portal;
    expect(seedOutput).toContain(`Sign in at ${url}/sign-in`);
    const [, adminEmail = '', adminPassword = ''] =
      /as the demo administrator (\S+) with the password (\S+)/.exec(seedOutput) ?? [];
    const [, company = '', customerEmail = '', customerPassword = ''] =
      /A customer \(([^)]+)\) signs in there as (\S+) with the password "([^"]+)"/.exec(seedOutput) ?? [];
    expect(adminEmail && customerEmail, seedOutput).toBeTruthy();
    const api = async <T>(path: string): Promise<T> => {
      const res = await page.request.get(`${url}${path}`);
      expect(res.status(), path).toBe(200);
      return (await res.json()) as T;
    };

    await signInAs(page, demo.portal, adminEmail, adminPassword);
    await expect(page).toHaveURL(/\/admin\/dashboard$/);
    await expect(region(page, 'IPs')).toContainText(/IPs total\s*[1-9]/);
    await expect(region(page, 'Revenue')).toContainText(/Monthly recurring revenue\s*€[1-9]/);
    await expect(region(page, 'Purchase and margin')).toContainText(/Margin per month\s*€[1-9]/);
    await expect(
      region(page, 'Development').getByRole('img', { name: /^Chart of the last 6 billing months/ }),
    ).toBeVisible();
    const { month: current } = await api<Figures>('/api/dashboard');
    const lastMonth = monthBefore(current, 1);
    const earlier = monthBefore(current, 2);

    // Two months back, a few invoices went unpaid past their due date: the figure leads to exactly those.
    const { invoices } = await api<Figures>(`/api/dashboard?month=${earlier}`);
    expect(invoices.overdue.count).toBeGreaterThan(0);
    const month = page.getByRole('combobox', { name: 'Billing month' });
    await month.selectOption(earlier);
    const overdue = region(page, 'Invoices of the month').getByRole('link', { name: /^Overdue/ });
    await expect(overdue).toContainText(`${invoices.overdue.count} ·`);
    await overdue.click();
    await expect(page).toHaveURL(
      new RegExp(`/admin/invoices\\?month=${earlier}&kind=invoice&status=overdue$`),
    );
    const rows = page.getByRole('table', { name: 'Invoices' }).locator('tbody').getByRole('row');
    await expect(rows).toHaveCount(invoices.overdue.count);
    for (const row of await rows.all()) await expect(row).toContainText('overdue');

    // Last month's billing data, as the accountant gets it: its sales are the month's invoices' net amounts.
    await page.goBack();
    await month.selectOption(lastMonth);
    const { totals } = await api<InvoiceList>(`/api/invoices?month=${lastMonth}&kind=invoice&pageSize=200`);
    expect(totals.netMinor).toBeGreaterThan(0);
    const download = async (name: string, format: string) => {
      await page.getByRole('button', { name: 'Billing data' }).click();
      const item = page.getByRole('menuitem', { name });
      await expect(item).toHaveAttribute('href', `/api/billing-data?month=${lastMonth}&format=${format}`);
      const [file] = await Promise.all([page.waitForEvent('download'), item.click()]);
      return readFile(await file.path());
    };
    const xlsx = await salesOfSheet(await download('Excel (XLSX)', 'xlsx'));
    expect(xlsx).toEqual({ rows: totals.netMinor, total: totals.netMinor });
    const csv = salesOfCsv((await download('CSV', 'csv')).toString('utf8'));
    expect(csv).toEqual({ rows: totals.netMinor, total: totals.netMinor });

    // The customer's overview shows its latest invoice.
    const [latest] = (
      await api<InvoiceList>(`/api/invoices?kind=invoice&q=${encodeURIComponent(company)}&pageSize=1`)
    ).items;
    expect(latest?.billingMonth).toBe(lastMonth);
    const customerPage = await (await browser.newContext()).newPage();
    await signInAs(customerPage, demo.portal, customerEmail, customerPassword);
    await expect(customerPage).toHaveURL(/\/portal$/);
    await expect(region(customerPage, 'Latest invoices')).toContainText(latest?.number ?? '');
  });
});

/** What the journey reads of GET /api/dashboard and GET /api/invoices. */
interface Figures {
  month: string;
  invoices: { overdue: { count: number } };
}
interface InvoiceList {
  items: { number: string; billingMonth: string }[];
  totals: { netMinor: number };
}

/** The label of the billing month `n` months before `label` (YYYY-MM). */
function monthBefore(label: string, n: number): string {
  const [year = 0, month = 1] = label.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1 - n, 1)).toISOString().slice(0, 7);
}

const cents = (amount: unknown) => Math.round(Number(amount) * 100);

/** The sum of the sales cells of the data rows, and the `Total` row's sales, of the billing data's workbook. */
async function salesOfSheet(file: Buffer): Promise<{ rows: number; total: number }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('the workbook has no sheet');
  const sales = (sheet.getRow(1).values as unknown[]).indexOf('Sales amount');
  const found = { rows: 0, total: Number.NaN };
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const value = cents(row.getCell(sales).value);
    if (row.getCell(1).value === 'Total') found.total = value;
    else found.rows += value;
  });
  return found;
}

/** The same of the billing data's CSV (comma dialect, RFC 4180 quoting, a byte-order mark first). */
function salesOfCsv(text: string): { rows: number; total: number } {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)
    .map(csvFields);
  const sales = lines[0]?.indexOf('Sales amount') ?? -1;
  const found = { rows: 0, total: Number.NaN };
  for (const fields of lines.slice(1)) {
    if (fields[0] === 'Total') found.total = cents(fields[sales]);
    else found.rows += cents(fields[sales]);
  }
  return found;
}

function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}
