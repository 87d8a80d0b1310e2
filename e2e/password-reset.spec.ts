import { ADMIN, configureSmtp, expect, journeyPortal, signInAs, test } from './fixtures.ts';

// "Forgot your password?" mails a single-use link; the new password signs in, the old one does not,
// every other session of the user ends, and the link is dead once used.
const newPassword = 'copper kettles whistle at 6 dawn';

const journey = journeyPortal();
const { mailbox } = journey;

test('reset a forgotten password through the mailed link; other sessions end', async ({ page, browser }) => {
  await signInAs(page, journey.portal);
  await configureSmtp(page, mailbox);

  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signInAs(other, journey.portal);
  await expect(other).toHaveURL(/\/admin/);

  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(`${journey.portal.url}/sign-in`);
  await visitor.getByRole('link', { name: 'Forgot your password?' }).click();
  await visitor.getByLabel('E-mail').fill(ADMIN.email);
  await visitor.getByRole('button', { name: 'Send link' }).click();
  await expect(visitor.getByText('If an account exists for this address, we sent a link')).toBeVisible();

  const mail = await mailbox.waitFor(ADMIN.email, /reset/i);
  const link = mail.text?.match(/https?:\/\/\S+\/reset-password\?token=\S+/)?.[0];
  expect(link).toBeTruthy();

  await visitor.goto(link as string);
  await expect(visitor.getByLabel('E-mail')).toHaveValue(ADMIN.email);
  await visitor.getByLabel('Password', { exact: true }).fill(newPassword);
  await visitor.getByLabel('Confirm password').fill(newPassword);
  await visitor.getByRole('button', { name: 'Set password' }).click();
  await expect(visitor.getByRole('heading', { name: 'Your password has been changed' })).toBeVisible();
  await visitor.getByRole('link', { name: 'Sign in' }).click();
  await expect(visitor).toHaveURL(/\/sign-in/);

  await visitor.getByLabel('E-mail').fill(ADMIN.email);
  await visitor.getByLabel('Password').fill(ADMIN.password);
  await visitor.getByRole('button', { name: 'Sign in' }).click();
  await expect(visitor.getByRole('alert')).toContainText('E-mail or password is wrong.');
  await visitor.getByLabel('Password').fill(newPassword);
  await visitor.getByRole('button', { name: 'Sign in' }).click();
  await expect(visitor).toHaveURL(/\/admin/);

  // The session opened before the reset is gone.
  await other.reload();
  await expect(other).toHaveURL(/\/sign-in/);
  await expect(other.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  // The link a second time is dead.
  const again = await visitorContext.newPage();
  await again.goto(link as string);
  await expect(again.getByRole('heading', { name: 'This link is no longer valid' })).toBeVisible();

  await otherContext.close();
  await visitorContext.close();
});
