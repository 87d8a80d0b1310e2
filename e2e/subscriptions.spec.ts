import {
  acceptInvitation,
  configureSmtp,
  createCustomer,
  expect,
  journeyPortal,
  signInAs,
  test,
} from './fixtures.ts';

// Issue 4: an admin gives a registered customer 300 IPs in the IP Distribution dialog, moving the
// split slider by keyboard; inputs and the graduated price follow; the Billing row shows the result.
const contact = { email: 'olga@orbit-networks.test', password: 'amber kettle hums over 19 bridges' };

const journey = journeyPortal();
const { mailbox } = journey;

test('an admin sets a customer to 300 IPs with the slider and sees the row follow', async ({
  page,
  browser,
}) => {
  await signInAs(page, journey.portal);
  await configureSmtp(page, mailbox);

  // The spec's example table and a customer whose contact registers.
  const table = await page.request.put(`${journey.portal.url}/api/price-table`, {
    data: {
      currency: 'EUR',
      basedOnVersion: null,
      ranges: [
        { from: 1, to: 50, articleName: 'Scan S', articleNumber: 'S-50', unitPrice: '2.00' },
        { from: 51, to: 250, articleName: 'Scan M', articleNumber: 'M-250', unitPrice: '1.50' },
        { from: 251, to: 500, articleName: 'Scan L', articleNumber: 'L-500', unitPrice: '1.00' },
      ],
    },
  });
  expect(table.status()).toBe(200);
  await createCustomer(page, journey.portal, {
    companyName: 'Orbit Networks GmbH',
    contactEmail: contact.email,
  });
  const contactPage = await acceptInvitation(browser, mailbox, contact);
  await contactPage.context().close();

  await page.getByRole('navigation', { name: 'Menu panel' }).getByRole('link', { name: 'Billing' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Orbit Networks GmbH' });
  await expect(row).toContainText('inactive');
  await row.getByRole('button', { name: 'Actions for Orbit Networks GmbH' }).click();
  await page.getByRole('menuitem', { name: 'IP Distribution' }).click();

  const dialog = page.getByRole('dialog', { name: 'IP Distribution' });
  await dialog.getByLabel("Total IP's").fill('300');
  const internal = dialog.getByLabel("Internal IP's");
  const external = dialog.getByLabel("External IP's");
  await expect(internal).toHaveValue('300');
  await expect(external).toHaveValue('0');

  // The slider splits the total: End puts all on internal, each ArrowLeft moves one IP to external.
  const slider = dialog.getByRole('slider', { name: 'Internal / external split' });
  await slider.focus();
  await slider.press('End');
  for (let i = 0; i < 100; i++) await slider.press('ArrowLeft');
  await expect(internal).toHaveValue('200');
  await expect(external).toHaveValue('100');
  await expect(slider).toHaveAttribute('aria-valuenow', '200');

  // 50 × 2.00 + 200 × 1.50 + 50 × 1.00 = 450.00 a month, 1.50 per IP.
  const breakdown = dialog.getByRole('table', { name: 'Price breakdown' });
  await expect(breakdown).toContainText('Scan M');
  await expect(dialog.getByText('€450.00').first()).toBeVisible();
  await expect(dialog.getByText('€1.50').first()).toBeVisible();

  // Typing into an input moves the slider too.
  await external.fill('120');
  await expect(internal).toHaveValue('180');
  await expect(slider).toHaveAttribute('aria-valuenow', '180');
  await slider.press('ArrowRight');
  await expect(external).toHaveValue('119');

  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('active');
  await expect(row).toContainText('181');
  await expect(row).toContainText('119');
  await expect(row).toContainText('Invoice');
  await expect(row).toContainText('€1.50');
});
