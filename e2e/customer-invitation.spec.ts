import { configureSmtp, expect, journeyPortal, signInAs, test } from './fixtures.ts';

// Issue 3: an admin creates a customer; the invitation reaches the SMTP server; the contact
// follows the link, sets a password and lands in the portal; the admin's list shows invited → inactive.
const contact = { email: 'erika@acme-security.test', password: 'seven purple lanterns over berlin' };

const journey = journeyPortal();
const { mailbox } = journey;

test('create a customer, the contact registers through the mailed link, the list follows', async ({
  page,
  browser,
}) => {
  await signInAs(page, journey.portal);
  await configureSmtp(page, mailbox);

  await page.getByRole('navigation', { name: 'Menu panel' }).getByRole('link', { name: 'Billing' }).click();
  await page.getByRole('button', { name: '+ New Customer' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('Company Name').fill('Acme Security GmbH');
  await form.getByLabel('Street').fill('Hauptstraße 1');
  await form.getByLabel('Postal code').fill('10115');
  await form.getByLabel('City').fill('Berlin');
  await expect(form.getByRole('combobox', { name: 'Country' })).toHaveValue('Germany');
  await form.getByLabel('Contact person').fill('Erika Mustermann');
  await form.getByLabel('Contact e-mail').fill(contact.email);
  await form.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText(`the invitation was sent to ${contact.email}`)).toBeVisible();

  const row = page.getByRole('row').filter({ hasText: 'Acme Security GmbH' });
  await expect(row).toContainText('invited');
  await expect(row).toContainText('Managed-Service');
  await expect(row).toContainText('Free');

  const invitation = await mailbox.waitFor(contact.email, /invitation/i);
  const link = invitation.text?.match(/https?:\/\/\S+\/invitation\?token=\S+/)?.[0];
  expect(link).toBeTruthy();

  const contactContext = await browser.newContext();
  const contactPage = await contactContext.newPage();
  await contactPage.goto(link as string);
  await expect(contactPage.getByText(contact.email)).toBeVisible();
  await contactPage.getByLabel('Password', { exact: true }).fill(contact.password);
  await contactPage.getByLabel('Confirm password').fill(contact.password);
  await contactPage.getByRole('button', { name: 'Set password' }).click();
  await expect(contactPage).toHaveURL(/\/portal/);
  await expect(contactPage.getByText('Acme Security GmbH').first()).toBeVisible();

  // The same link a second time is dead.
  const again = await contactContext.newPage();
  await again.goto(link as string);
  await expect(again.getByRole('heading', { name: 'This link is no longer valid' })).toBeVisible();
  await contactContext.close();

  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: 'Acme Security GmbH' })).toContainText('inactive');
});
