import { expect, journeyPortal, signInAs, test } from './fixtures.ts';

// Issue 13: Settings → Purchase Prices, the sales table's editor for what the provider pays its upstream MSP.
const journey = journeyPortal();

test('an admin saves the first purchase price table, checked like the sales table, and sees it as version 1', async ({
  page,
}) => {
  await signInAs(page, journey.portal);
  await page
    .getByRole('navigation', { name: 'Menu panel' })
    .getByRole('link', { name: 'Purchase Prices' })
    .click();
  await expect(page.getByRole('heading', { name: 'Purchase Prices', level: 2 })).toBeVisible();
  await expect(
    page.getByText('Until a purchase price table exists the dashboard shows sales figures only.'),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: 'Purchase price table versions' })).toHaveCount(0);
  await expect(page.getByText('No version saved yet.')).toBeVisible();

  const price = page.getByLabel('Purchase price per IP and month of range 1');
  await page.getByLabel('Article name of range 1').fill('Upstream IP');
  await page.getByLabel('Article number of range 1').fill('UP-1');
  await price.fill('1.2345');
  await expect(page.getByText('A price has at most two decimals.')).toBeVisible();
  await price.fill('');
  await expect(page.getByText('Enter the purchase price.')).toBeVisible();
  await price.fill('0,80');
  await page.getByLabel('Number of IPs for the price preview').fill('10');
  await expect(page.getByText('€8.00')).toBeVisible();

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Purchase price table saved as version 1.')).toBeVisible();
  await expect(
    page.getByText('Until a purchase price table exists the dashboard shows sales figures only.'),
  ).toHaveCount(0);
  const versions = page.getByRole('table', { name: 'Purchase price table versions' });
  await expect(versions.getByRole('row')).toHaveCount(2);
  await versions.getByRole('button', { name: 'Show ranges of version 1' }).click();
  const ranges = page.getByRole('table', { name: 'Ranges of version 1' });
  await expect(ranges.getByRole('columnheader', { name: 'Purchase price per IP and month' })).toBeVisible();
  await expect(ranges).toContainText('UP-1');
  await expect(ranges).toContainText('€0.80');

  // The sales price table is another table: still empty.
  const sales = await page.request.get(`${journey.portal.url}/api/price-table`);
  expect((await sales.json()).current).toBeNull();
});
