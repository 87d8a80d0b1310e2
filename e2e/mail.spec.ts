import { expect, journeyPortal, signInAs, test } from './fixtures.ts';

// Issue 2: the admin points the portal at an SMTP server, sends a test mail that arrives with the
// configured sender, invites another admin by mail, and sees both in the Mail Log.
const journey = journeyPortal();
const { mailbox } = journey;

test('configure the mail server, send a test mail, invite an admin, read the Mail Log', async ({ page }) => {
  await signInAs(page, journey.portal);
  await page
    .getByRole('navigation', { name: 'Menu panel' })
    .getByRole('link', { name: 'Mail Server' })
    .click();
  await expect(page.getByRole('heading', { name: 'Mail Server' })).toBeVisible();

  await page.getByLabel('Delivery method').getByText('SMTP', { exact: true }).click();
  await page.getByLabel('Host').fill('127.0.0.1');
  await page.getByLabel('Port').fill('70000');
  await page.getByLabel('Sender address').fill('billing@provider.test');
  await page.getByLabel('Sender name').fill('Provider Billing');
  // The invalid port is named as soon as it is left, and Save waits for a valid one.
  await expect(page.getByText('The port is a whole number between 1 and 65535.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();

  await page.getByLabel('Port').fill(String(mailbox.port));
  await page.getByLabel('Encryption').selectOption('none');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Mail server settings saved.')).toBeVisible();

  await page.getByLabel('Recipient').fill('ops@provider.test');
  await page.getByRole('button', { name: 'Send test mail' }).click();
  await expect(page.getByText('The test mail to ops@provider.test was sent.')).toBeVisible();
  const test = await mailbox.waitFor('ops@provider.test', /./);
  expect(test.from?.value[0]).toMatchObject({ address: 'billing@provider.test', name: 'Provider Billing' });

  await page
    .getByRole('navigation', { name: 'Menu panel' })
    .getByRole('link', { name: 'Administrators' })
    .click();
  await page.getByRole('button', { name: /New Administrator/ }).click();
  await page.getByRole('dialog').getByLabel('E-mail').fill('second.admin@provider.test');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /Invite|Send/ })
    .click();
  const invite = await mailbox.waitFor('second.admin@provider.test', /./);
  expect(invite.text).toContain(`${journey.portal.url}/setup?token=`);
  await page.keyboard.press('Escape');

  await page.getByRole('navigation', { name: 'Menu panel' }).getByRole('link', { name: 'Mail Log' }).click();
  const table = page.getByRole('table');
  await expect(table.getByRole('row').filter({ hasText: 'second.admin@provider.test' })).toContainText(
    'sent',
  );
  await expect(table.getByRole('row').filter({ hasText: 'ops@provider.test' })).toContainText('sent');
});
