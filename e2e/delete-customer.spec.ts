import {
  acceptInvitation,
  configureSmtp,
  createCustomer,
  expect,
  journeyPortal,
  signInAs,
  test,
} from './fixtures.ts';

// Issue 6: a registered customer is deleted only after DELETE is typed, becomes `deleting` and its
// users cannot sign in; the admin undoes it, deletes it again, and after the grace period the purge runs and the
// notification address is told; an invited customer that never registered goes at once.
const contact = { email: 'dirk@doomed.test', password: 'nine silver foxes jump 31 fences' };

// A short grace period, so that the purge runs within the journey.
const journey = journeyPortal(() => ({ DELETION_GRACE_SECONDS: '4' }));
const { mailbox } = journey;

test('an admin deletes a registered customer by typing DELETE, undoes it, and deletes an invited one at once', async ({
  page,
  browser,
}) => {
  await signInAs(page, journey.portal);
  await configureSmtp(page, mailbox);
  await page.getByRole('textbox', { name: 'Notification address' }).fill('accounting@provider.test');
  await page.getByRole('button', { name: 'Save notification address' }).click();
  await expect(page.getByText('Notifications go to accounting@provider.test now.')).toBeVisible();
  await createCustomer(page, journey.portal, {
    companyName: 'Doomed Data GmbH',
    contactEmail: contact.email,
  });
  await createCustomer(page, journey.portal, {
    companyName: 'Never Registered KG',
    contactEmail: 'nobody@never.test',
  });
  const contactPage = await acceptInvitation(browser, mailbox, contact);

  await page.getByRole('navigation', { name: 'Menu panel' }).getByRole('link', { name: 'Billing' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Doomed Data GmbH' });
  await row.getByRole('button', { name: 'Actions for Doomed Data GmbH' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete customer' });
  const typed = dialog.getByLabel('Type DELETE to confirm');
  const confirm = dialog.getByRole('button', { name: 'Confirm' });
  for (const wrong of ['delete', 'DELETE ', 'DELET']) {
    await typed.fill(wrong);
    await expect(confirm).toBeDisabled();
  }
  await typed.fill('DELETE');
  await confirm.click();
  await expect(page.getByText(/is marked for deletion and will be purged at/)).toBeVisible();
  await expect(row).toContainText('deleting');

  // From that moment its users are out: the open portal page stops working, signing in is refused.
  await contactPage.reload();
  await expect(contactPage).toHaveURL(/\/sign-in/);
  await contactPage.getByLabel('E-mail').fill(contact.email);
  await contactPage.getByLabel('Password').fill(contact.password);
  await contactPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(contactPage.getByText('This account is being deleted.')).toBeVisible();

  await row.getByRole('button', { name: 'Actions for Doomed Data GmbH' }).click();
  await page.getByRole('menuitem', { name: 'Details' }).click();
  await page.getByRole('button', { name: 'Undo deletion' }).click();
  await expect(page.getByText('The deletion of Doomed Data GmbH was undone.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(row).toContainText('inactive');

  // Deleted for good: after the grace period the purge runs and the provider is told.
  await row.getByRole('button', { name: 'Actions for Doomed Data GmbH' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await page
    .getByRole('dialog', { name: 'Delete customer' })
    .getByLabel('Type DELETE to confirm')
    .fill('DELETE');
  await page
    .getByRole('dialog', { name: 'Delete customer' })
    .getByRole('button', { name: 'Confirm' })
    .click();
  const purged = await mailbox.waitFor('accounting@provider.test', /Doomed Data GmbH deleted/);
  expect(purged.text).toContain('All data of Doomed Data GmbH');
  await page.reload();
  await expect(row).toHaveCount(0);

  const invited = page.getByRole('row').filter({ hasText: 'Never Registered KG' });
  await invited.getByRole('button', { name: 'Actions for Never Registered KG' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  const direct = page.getByRole('dialog', { name: 'Delete customer' });
  await expect(direct.getByLabel('Type DELETE to confirm')).toHaveCount(0);
  await direct.getByRole('button', { name: 'Confirm' }).click();
  await expect(invited).toHaveCount(0);
});
