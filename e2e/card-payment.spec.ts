import { type FakeStripe, startFakeStripe } from '../apps/server/src/test/fake-stripe.ts';
import {
  acceptInvitation,
  configureSmtp,
  createCustomer,
  expect,
  journeyPortal,
  signInAs,
  test,
} from './fixtures.ts';

// Issue 5 against a local fake of Stripe's API: the admin enters the Stripe keys and activates
// Credit Card; a self-service customer pays by card through (fake) Stripe Checkout; the signed webhook makes
// the subscription active with payment method Credit Card.
const SECRET_KEY = 'sk_test_journey4242';
const WEBHOOK_SECRET = 'whsec_journeysecret';
let stripe: FakeStripe;
test.beforeAll(async () => {
  stripe = await startFakeStripe({ validSecretKey: SECRET_KEY });
});
const contact = { email: 'paula@paycard.test', password: 'seven copper owls cross 12 rivers' };

const journey = journeyPortal(() => ({ STRIPE_API_BASE: stripe.apiBase }));
const { mailbox } = journey;
test.afterAll(async () => {
  await stripe.stop();
});

test('a self-service customer pays by card through Stripe Checkout', async ({ page, browser }) => {
  await signInAs(page, journey.portal);
  await configureSmtp(page, mailbox);
  const menu = page.getByRole('navigation', { name: 'Menu panel' });

  await menu.getByRole('link', { name: 'Stripe' }).click();
  await page.getByLabel('ApiKey').fill('sk_test_wrong0000');
  await page.getByLabel('Public Access Key').fill('pk_test_journey');
  await page.getByLabel('Webhook signing secret').fill(WEBHOOK_SECRET);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(/Invalid API Key provided/)).toBeVisible();
  await page.getByLabel('ApiKey').fill(SECRET_KEY);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('acct_', { exact: false }).first()).toBeVisible();

  await menu.getByRole('link', { name: 'Payment Methods' }).click();
  await page.getByRole('button', { name: 'Activate Credit Card' }).click();
  await expect(page.getByRole('button', { name: 'Deactivate Credit Card' })).toBeVisible();

  await page.request.put(`${journey.portal.url}/api/settings/self-service`, {
    data: { registrationEnabled: true },
  });
  await page.request.put(`${journey.portal.url}/api/price-table`, {
    data: {
      currency: 'EUR',
      basedOnVersion: null,
      ranges: [
        { from: 1, to: 50, articleName: 'Scan S', articleNumber: 'S-50', unitPrice: '2.00' },
        { from: 51, to: 250, articleName: 'Scan M', articleNumber: 'M-250', unitPrice: '1.50' },
      ],
    },
  });
  await createCustomer(page, journey.portal, {
    companyName: 'Paycard Security GmbH',
    contactEmail: contact.email,
    serviceMode: 'self-service',
  });
  const customerPage = await acceptInvitation(browser, mailbox, contact);

  await customerPage
    .getByRole('navigation', { name: 'Portal' })
    .getByRole('link', { name: 'Subscription' })
    .click();
  await customerPage.getByLabel("Total IP's").fill('60');
  await customerPage.getByLabel("External IP's").fill('20');
  await customerPage.getByRole('radio', { name: 'Credit Card' }).check();
  await customerPage.getByRole('button', { name: 'Save' }).click();
  await expect(customerPage).toHaveURL(/\/c\/pay\/cs_test_/);
  const sessionId = new URL(customerPage.url()).pathname.split('/').at(-1) ?? '';

  // Stripe confirms: the signed webhooks reach the portal.
  for (const event of stripe.completeCheckout(sessionId)) {
    const { payload, header } = stripe.signedEvent(event, WEBHOOK_SECRET);
    const res = await fetch(`${journey.portal.url}/api/stripe/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': header },
      body: payload,
    });
    expect(res.status).toBe(200);
  }

  await customerPage.goto(`${journey.portal.url}/portal/subscription?checkout=success`);
  await expect(customerPage.getByText('Your card payment is confirmed.')).toBeVisible({ timeout: 20_000 });

  await menu.getByRole('link', { name: 'Billing' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Paycard Security GmbH' });
  await expect(row).toContainText('Credit Card');
  await expect(row).toContainText('active');
  await expect(row).toContainText('40');
  await expect(row).toContainText('20');
});
