import type { Page } from '@playwright/test';
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
