import {
  acceptInvitation,
  configureSmtp,
  createCustomer,
  expect,
  journeyPortal,
  offerSelfService,
  signInAs,
  test,
} from './fixtures.ts';

// With Invoice the only active payment method (Credit Card waits for the Stripe keys), the customer is told the
// method instead of being offered a lone radio button.
const journey = journeyPortal();
const { mailbox } = journey;
const contact = { email: 'nina@northwind.test', password: 'copper lanterns drift past 7 harbours' };

test('a self-service customer sees the overview settle without a spinner, and reads the one payment method on offer as text', async ({
  page,
  browser,
}) => {
  await signInAs(page, journey.portal);
  await configureSmtp(page, mailbox);
  await offerSelfService(page, journey.portal);
  await createCustomer(page, journey.portal, {
    companyName: 'Northwind GmbH',
    contactEmail: contact.email,
    serviceMode: 'self-service',
  });

  const customer = await acceptInvitation(browser, mailbox, contact);
  // The overview settles: every block shows its content, and no loading spinner stays behind.
  await expect(customer.getByRole('region', { name: 'Latest invoices' })).toContainText('No invoices yet');
  await expect(customer.getByRole('region', { name: 'Team' })).toContainText('1 active member');
  await expect(customer.getByRole('region', { name: 'Your company' })).toContainText('Northwind GmbH');
  await expect(customer.getByLabel('Loading…')).toHaveCount(0);
  await customer
    .getByRole('navigation', { name: 'Portal' })
    .getByRole('link', { name: 'Subscription' })
    .click();
  const method = customer.getByRole('group', { name: 'Payment Method' });
  await expect(method).toContainText('Invoice');
  await expect(customer.getByRole('radio', { name: 'Invoice' })).toHaveCount(0);
});
