import type { Page } from '@playwright/test';
import { type FakeStripe, startFakeStripe } from '../apps/server/src/test/fake-stripe.ts';
import { configureSmtp, expect, journeyPortal, signInAs, test } from './fixtures.ts';

// Issue 14, items 7 and 8: a fresh install walks the Dashboard's first-steps checklist to the first customer, each
// step followed from its link and ticked by doing it; and card payment is configured from Payment Methods, in the
// very form of Settings → Stripe (checked against the fake Stripe the card-payment journey uses).
const SECRET_KEY = 'sk_test_onboarding4242';
let stripe: FakeStripe;
test.beforeAll(async () => {
  stripe = await startFakeStripe({ validSecretKey: SECRET_KEY });
});
const journey = journeyPortal(() => ({ STRIPE_API_BASE: stripe.apiBase }));
const { mailbox } = journey;
test.afterAll(async () => {
  await stripe.stop();
});

const menuOf = (page: Page) => page.getByRole('navigation', { name: 'Menu panel' });
const checklistOf = (page: Page) => page.getByRole('region', { name: 'First steps' });

/** Back on the Dashboard, the checklist counts `done` steps, and `step` among them. */
async function expectTicked(page: Page, done: number, step: string) {
  await menuOf(page).getByRole('link', { name: 'Dashboard' }).click();
  const checklist = checklistOf(page);
  await expect(checklist.getByText(`${done} of 5 done`)).toBeVisible();
  await expect(checklist.getByRole('listitem').filter({ hasText: step })).toContainText('Done');
}

/** Follows a step's link from the Dashboard's checklist to the page it names. */
async function followStep(page: Page, step: string, heading: string) {
  await checklistOf(page).getByRole('link', { name: step }).click();
  await expect(page.getByRole('heading', { name: heading, level: 2 })).toBeVisible();
}

test('a fresh install walks the checklist to the first customer', async ({ page }) => {
  await signInAs(page, journey.portal);
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 2 })).toBeVisible();
  const checklist = checklistOf(page);
  await expect(checklist.getByText('0 of 5 done')).toBeVisible();
  await expect(checklist.getByRole('listitem')).toHaveCount(5);
  await expect(checklist.getByRole('listitem').filter({ hasText: 'Open' })).toHaveCount(5);

  // The empty Billing list of a fresh install says what to do first, and leads back to the checklist.
  await menuOf(page).getByRole('link', { name: 'Billing' }).click();
  await expect(page.getByText('No customers yet.')).toBeVisible();
  await expect(page.getByText('No customers match.')).toHaveCount(0);
  await page.getByRole('link', { name: 'Open the first steps' }).click();
  await expect(checklist.getByText('0 of 5 done')).toBeVisible();

  await followStep(page, 'Mail server', 'Mail Server');
  await configureSmtp(page, mailbox);
  await page.getByLabel('Recipient').fill('ops@provider.test');
  await page.getByRole('button', { name: 'Send test mail' }).click();
  await expect(page.getByText('The test mail to ops@provider.test was sent.')).toBeVisible();
  await mailbox.waitFor('ops@provider.test', /./);
  await expectTicked(page, 1, 'Mail server');

  await followStep(page, 'Company data', 'Company');
  await page.getByLabel('Company name').fill('Provider Security GmbH');
  await page.getByLabel('Street').fill('Hauptstraße 1');
  await page.getByLabel('Postal code').fill('10115');
  await page.getByLabel('City').fill('Berlin');
  await page.getByRole('combobox', { name: 'Country' }).fill('Germany');
  await page.getByRole('option', { name: 'Germany' }).click();
  await page.getByLabel('VAT-ID').fill('DE136695976');
  await page.getByRole('textbox', { name: /^E-mail/ }).fill('billing@provider.test');
  await page.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 00');
  await page.getByLabel('BIC').fill('COBADEFFXXX');
  await page.getByLabel('Bank name').fill('Commerzbank');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('The company settings were saved.')).toBeVisible();
  await expectTicked(page, 2, 'Company data');

  await followStep(page, 'Sales price table', 'Self-Service');
  await page.getByLabel('Article name of range 1').fill('Scan');
  await page.getByLabel('Article number of range 1').fill('SCAN-1');
  await page.getByLabel('Sales price per IP and month of range 1').fill('1,50');
  await page
    .locator('form')
    .filter({ has: page.getByLabel('Article name of range 1') })
    .getByRole('button', { name: 'Save', exact: true })
    .click();
  await expect(page.getByText('Price table saved as version 1.')).toBeVisible();
  await expectTicked(page, 3, 'Sales price table');

  // The defaults (Invoice and Project Key active) are only a proposal: the step ticks once the admin chose.
  await followStep(page, 'Payment methods', 'Payment Methods');
  await page.getByRole('button', { name: 'Deactivate Project Key' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
  await expect(page.getByRole('button', { name: 'Activate Project Key' })).toBeVisible();
  await expectTicked(page, 4, 'Payment methods');

  await followStep(page, 'First customer', 'Billing');
  await page.getByRole('button', { name: '+ New Customer' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('Company Name').fill('Blue Harbor Ltd');
  await form.getByLabel('Street').fill('Invalidenstraße 1');
  await form.getByLabel('Postal code').fill('10115');
  await form.getByLabel('City').fill('Berlin');
  await form.getByLabel('Contact person').fill('Erika Mustermann');
  await form.getByLabel('Contact e-mail').fill('it@blue-harbor.test');
  await form.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText('the invitation was sent to it@blue-harbor.test')).toBeVisible();

  // Every step done: the Dashboard opens without the checklist, and stays so.
  await menuOf(page).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'Customers', level: 3 })).toBeVisible();
  await expect(checklist).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Customers', level: 3 })).toBeVisible();
  await expect(checklist).toHaveCount(0);
});

test('Payment Methods → Credit Card → Configure opens the Stripe keys form of Settings → Stripe', async ({
  page,
}) => {
  await signInAs(page, journey.portal);
  await menuOf(page).getByRole('link', { name: 'Payment Methods' }).click();
  await page.getByRole('button', { name: 'Configure Credit Card' }).click();
  const dialog = page.getByRole('dialog', { name: 'Credit Card: Stripe keys' });
  await expect(dialog.getByLabel('ApiKey')).toBeVisible();
  await expect(dialog.getByText(/Developers → API keys → Secret key/)).toBeVisible();
  await expect(dialog.getByText(/Developers → API keys → Publishable key/)).toBeVisible();

  await dialog.getByLabel('ApiKey').fill(SECRET_KEY);
  await dialog.getByLabel('Public Access Key').fill('pk_test_onboarding');
  await dialog.getByLabel('Webhook signing secret').fill('whsec_onboardingsecret');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  // Stripe checked the keys: the dialog closes, and Credit Card can now be activated.
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Activate Credit Card' }).click();
  await expect(page.getByRole('button', { name: 'Deactivate Credit Card' })).toBeVisible();

  // The same data at Settings → Stripe: the stored key and the account Stripe named.
  await menuOf(page).getByRole('link', { name: 'Stripe' }).click();
  await expect(page.getByLabel('Public Access Key')).toHaveValue('pk_test_onboarding');
  await expect(page.getByText('acct_', { exact: false }).first()).toBeVisible();
});
