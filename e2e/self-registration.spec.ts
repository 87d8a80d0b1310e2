import { configureSmtp, expect, journeyPortal, signInAs, test } from './fixtures.ts';

// registration is closed until the admin opens it; then a visitor registers a Self-Service customer,
// confirms the e-mail through the mailed link, and lands in the portal.
const founder = { email: 'frida@startup-security.test', password: 'seven purple lanterns over berlin' };

const journey = journeyPortal();
const { mailbox } = journey;

test('a visitor registers while self-registration is enabled and confirms the e-mail', async ({
  page,
  browser,
}) => {
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`${journey.portal.url}/sign-up`);
  await expect(visitor.getByRole('heading', { name: 'Registration is closed' })).toBeVisible();

  await signInAs(page, journey.portal);
  await configureSmtp(page, mailbox);

  await page
    .getByRole('navigation', { name: 'Menu panel' })
    .getByRole('link', { name: 'Self-Service' })
    .click();
  await page.getByLabel('Enable users to register themselves.').check();
  await page.getByRole('region', { name: 'Self-registration' }).getByRole('button', { name: 'Save' }).click();

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

  // the new customer subscribes in the portal, with the live price, and the admin list shows it.
  const table = await page.request.put(`${journey.portal.url}/api/price-table`, {
    data: {
      currency: 'EUR',
      basedOnVersion: null,
      ranges: [
        { from: 1, to: 50, articleName: 'Scan S', articleNumber: 'S-50', unitPrice: '2.00' },
        { from: 51, to: 250, articleName: 'Scan M', articleNumber: 'M-250', unitPrice: '1.50' },
      ],
    },
  });
  expect(table.status()).toBe(200);
  await visitor
    .getByRole('navigation', { name: 'Portal' })
    .getByRole('link', { name: 'Subscription' })
    .click();
  await visitor.getByLabel("Total IP's").fill('60');
  await visitor.getByLabel("External IP's").fill('15');
  await expect(visitor.getByLabel("Internal IP's")).toHaveValue('45');
  // 50 × 2.00 + 10 × 1.50
  await expect(visitor.getByText('€115.00').first()).toBeVisible();
  await visitor.getByRole('button', { name: 'Save' }).click();
  await expect(visitor.getByText('€115.00').first()).toBeVisible();
  await expect(visitor.getByRole('heading', { name: /current/i })).toBeVisible();

  // a self-service customer keeps its own company data, by the VAT-ID rules of.
  await visitor.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Overview' }).click();
  await visitor.getByRole('button', { name: 'Edit company' }).click();
  const edit = visitor.getByRole('dialog', { name: 'Edit company' });
  await edit.getByRole('combobox', { name: 'Country' }).fill('Austria');
  await visitor.getByRole('option', { name: 'Austria' }).click();
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit.getByText('A VAT-ID is required when the country is not Germany.')).toBeVisible();
  await edit.getByLabel('Value Added Tax Identification (VAT-ID)').fill('ATU13585627');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await expect(visitor.getByText('ATU13585627')).toBeVisible();

  await page.reload();
  await expect(row).toContainText('active');
  await expect(row).toContainText('45');
  await expect(row).toContainText('15');
});

test('with self-registration disabled the sign-up page and the API refuse', async ({ page, browser }) => {
  await signInAs(page, journey.portal);
  await page
    .getByRole('navigation', { name: 'Menu panel' })
    .getByRole('link', { name: 'Self-Service' })
    .click();
  await page.getByLabel('Enable users to register themselves.').uncheck();
  await page.getByRole('region', { name: 'Self-registration' }).getByRole('button', { name: 'Save' }).click();

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`${journey.portal.url}/sign-up`);
  await expect(visitor.getByRole('heading', { name: 'Registration is closed' })).toBeVisible();
  const refused = await visitor.request.post(`${journey.portal.url}/api/sign-up`, {
    data: {
      email: 'late@visitor.test',
      password: founder.password,
      passwordConfirmation: founder.password,
      companyName: 'Late GmbH',
      contactName: 'Late Visitor',
      address: { street: 'Weg 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
      acceptTerms: true,
    },
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).code).toBe('REGISTRATION_CLOSED');
});
