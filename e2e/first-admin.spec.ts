import { expect, PORTAL_START_MS, type RunningPortal, startPortal, test } from './fixtures.ts';

// Issue 2: `npm start` prints a one-time setup URL; the first admin is created there, signs out and in again;
// the link works once.
let portal: RunningPortal;
let stop: () => Promise<void>;
test.beforeAll(async () => {
  test.setTimeout(PORTAL_START_MS);
  ({ portal, stop } = await startPortal());
});
test.afterAll(() => stop());

const email = 'first.admin@provider.test';
const password = 'correct horse battery staple 7';

test('the first admin is created through the printed setup link, signs out and in again', async ({
  page,
}) => {
  await page.goto(portal.setupUrl);
  await expect(page.getByRole('heading', { name: 'Create the first administrator' })).toBeVisible();
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('password123');
  await page.getByLabel('Confirm password').fill('password123');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText(/too easy to guess|at least 10 characters/i).first()).toBeVisible();

  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/admin/);
  await expect(page.getByRole('navigation', { name: 'Menu panel' }).getByText('Mail Server')).toBeVisible();

  await page.getByRole('button', { name: email }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(/e-mail (address )?or (the )?password is wrong/i)).toBeVisible();
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/admin/);
});

test('the setup link is refused the second time', async ({ page }) => {
  await page.goto(portal.setupUrl);
  await expect(page.getByRole('heading', { name: 'This link is no longer valid' })).toBeVisible();
});
