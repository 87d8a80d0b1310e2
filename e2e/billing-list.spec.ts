import { configureSmtp, createCustomer, expect, journeyPortal, signInAs, test } from './fixtures.ts';

// Issue 13 (5): a row of the Billing list opens the customer's details by click or keyboard, the … menu keeps
// its own clicks, and Export offers CSV beside JSON.
const journey = journeyPortal();

test('a row opens the details by click, Enter or Space; the menu stays the menu; the export comes as CSV', async ({
  page,
}) => {
  await signInAs(page, journey.portal);
  await configureSmtp(page, journey.mailbox);
  await createCustomer(page, journey.portal, {
    companyName: 'Rowclick GmbH',
    contactEmail: 'ron@rowclick.test',
  });
  await page.getByRole('navigation', { name: 'Menu panel' }).getByRole('link', { name: 'Billing' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Rowclick GmbH' });
  const details = page.getByRole('dialog', { name: 'Rowclick GmbH' });

  await row.getByText('ron@rowclick.test').click();
  await expect(details).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);

  await row.focus();
  await page.keyboard.press('Enter');
  await expect(details).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);
  await row.focus();
  await page.keyboard.press(' ');
  await expect(details).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);

  // The … menu opens its menu, and its items do what they say, not the row's details.
  await row.getByRole('button', { name: 'Actions for Rowclick GmbH' }).click();
  await page.getByRole('menuitem', { name: 'Edit Address' }).click();
  await expect(page.getByRole('dialog', { name: 'Edit Address' })).toBeVisible();
  await expect(details).toHaveCount(0);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Export' }).click();
  const csvItem = page.getByRole('menuitem', { name: 'CSV (semicolon-separated, for German Excel)' });
  const href = await csvItem.getAttribute('href');
  expect(href).toBe('/api/customers/export?format=csv&sep=semicolon');
  await expect(page.getByRole('menuitem', { name: 'CSV (comma-separated)' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'JSON' })).toBeVisible();
  const csv = await page.request.get(`${journey.portal.url}${href}`);
  expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
  const body = await csv.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = body.subarray(3).toString('utf8');
  expect(text.startsWith('id;companyName;')).toBe(true);
  expect(text).toContain(';Rowclick GmbH;');
});
