import {
  configureSmtp,
  createFirstAdmin,
  expect,
  Mailbox,
  type RunningPortal,
  signInAs,
  startPortal,
  test,
} from './fixtures.ts';

// registration is closed until the admin opens it; then a visitor registers a Self-Service customer,
// confirms the e-mail through the mailed link, and lands in the portal.
let portal: RunningPortal;
let stop: () => Promise<void>;
const mailbox = new Mailbox();
const founder = { email: 'frida@startup-security.test', password: 'seven purple lanterns over berlin' };

test.beforeAll(async () => {
  ({ portal, stop } = await startPortal());
  await mailbox.start();
  await createFirstAdmin(portal);
});
test.afterAll(async () => {
  await stop();
  await mailbox.stop();
});

test('a visitor registers while self-registration is enabled and confirms the e-mail', async ({
  page,
  browser,
}) => {
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`${portal.url}/sign-up`);
  await expect(visitor.getByRole('heading', { name: 'Registration is closed' })).toBeVisible();

  await signInAs(page, portal);
  await configureSmtp(page, mailbox);

  await page
    .getByRole('navigation', { name: 'Menu panel' })
    .getByRole('link', { name: 'Self-Service' })
    .click();
  await page.getByLabel('Enable users to register themselves.').check();
  await page.getByRole('button', { name: 'Save' }).click();

  await visitor.reload();
  await expect(visitor.getByRole('heading', { name: 'Register' })).toBeVisible();
  await visitor.getByLabel('E-mail').fill(founder.email);
  await visitor.getByLabel('Company Name').fill('Startup Security UG');
  await visitor.getByLabel('Your name').fill('Frida Founder');
  await visitor.getByLabel('Street').fill('Torstraße 5');
  await visitor.getByLabel('Postal code').fill('10119');
  await visitor.getByLabel('City').fill('Berlin');
  await visitor.getByLabel('Password', { exact: true }).fill(founder.password);
  await visitor.getByLabel('Confirm password').fill(founder.password);
  await visitor.getByRole('button', { name: 'Register' }).click();
  await expect(visitor.getByText(/accept the terms/i).first()).toBeVisible();
  await visitor.getByLabel('I accept the terms of service.').check();
  await visitor.getByRole('button', { name: 'Register' }).click();
  await expect(visitor.getByRole('heading', { name: 'Check your e-mail' })).toBeVisible();

  const mail = await mailbox.waitFor(founder.email, /confirm/i);
  const link = mail.text?.match(/https?:\/\/\S+\/verify-email\?token=\S+/)?.[0];
  expect(link).toBeTruthy();
  await visitor.goto(link as string);
  await expect(visitor).toHaveURL(/\/portal/);
  await expect(visitor.getByText('Startup Security UG').first()).toBeVisible();

  await page.getByRole('navigation', { name: 'Menu panel' }).getByRole('link', { name: 'Billing' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Startup Security UG' });
  await expect(row).toContainText('Self-Service');
  await expect(row).toContainText('inactive');
});
