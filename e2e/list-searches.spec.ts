import { ADMIN, configureSmtp, createCustomer, expect, journeyPortal, signInAs, test } from './fixtures.ts';

// Lists that say what they hold: the Mail Log is searched by recipient or subject, a search without results
// offers to clear it and shows no page to highlight, and the admin's own row offers no `Remove`.
const journey = journeyPortal();
const { mailbox } = journey;

test('the Mail Log and Billing searches find, show an empty result with a way back, and the own admin row cannot be removed', async ({
  page,
}) => {
  await signInAs(page, journey.portal);
  await configureSmtp(page, mailbox);
  await createCustomer(page, journey.portal, {
    companyName: 'Blue Harbor Ltd',
    contactEmail: 'ops@blue-harbor.test',
  });
  await createCustomer(page, journey.portal, {
    companyName: 'Red Canyon AG',
    contactEmail: 'it@red-canyon.test',
  });
  const menu = page.getByRole('navigation', { name: 'Menu panel' });

  await menu.getByRole('link', { name: 'Administrators' }).click();
  const own = page.getByRole('row').filter({ hasText: ADMIN.email });
  await expect(own).toContainText('You cannot remove yourself.');
  await expect(own.getByRole('button', { name: 'Remove' })).toHaveCount(0);

  await menu.getByRole('link', { name: 'Mail Log' }).click();
  await expect(page.getByRole('heading', { name: 'Mail Log', level: 2 })).toBeVisible();
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows.filter({ hasText: 'ops@blue-harbor.test' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'it@red-canyon.test' })).toHaveCount(1);
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('BLUE-HARBOR');
  await expect(rows.filter({ hasText: 'it@red-canyon.test' })).toHaveCount(0);
  await expect(rows.filter({ hasText: 'ops@blue-harbor.test' })).toHaveCount(1);
  await expect(page).toHaveURL(/q=BLUE-HARBOR/);

  await search.fill('no such mail');
  await expect(page.getByText('No mails match the search.')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Pagination' })).toHaveCount(0);
  await page.getByRole('table').getByRole('button', { name: 'Clear search' }).click();
  await expect(search).toHaveValue('');
  await expect(rows.filter({ hasText: 'it@red-canyon.test' })).toHaveCount(1);
  await expect(page.getByRole('navigation', { name: 'Pagination' })).toBeVisible();

  await menu.getByRole('link', { name: 'Billing', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Billing', level: 2 })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search' }).fill('no such company');
  await expect(page.getByText('No customers match.')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Pagination' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Clear search and filters' }).click();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('');
  await expect(page.getByText('Blue Harbor Ltd')).toBeVisible();
  await expect(page.getByText('Red Canyon AG')).toBeVisible();
});
