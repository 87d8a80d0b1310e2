import type { Page } from '@playwright/test';
import { acceptInvitation, configureSmtp, expect, journeyPortal, signInAs, test } from './fixtures.ts';

// Issue 13, point 4: a self-service customer's main user opens the portal on its overview: the subscription's
// IPs, articles, monthly price and scheduled change, the team's counts, the invoices block (empty: no month
// has ended yet; the invoices journey, invoices.spec.ts, covers issued invoices and their downloads) and the
// next steps. Inviting from the overview counts an open invitation; the invited member, not the main user,
// is offered no invitation.
const company = 'Orbit Networks GmbH';
const contact = { email: 'olga@orbit-networks.test', password: 'amber kettle hums over 19 bridges' };
const member = { email: 'max@orbit-networks.test', password: 'quiet orange kites above hamburg' };

const journey = journeyPortal();
const { mailbox } = journey;

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

test('a customer user sees the subscription, team, invoices and next steps on the portal overview', async ({
  page,
  browser,
}) => {
  await signInAs(page, journey.portal);
  await configureSmtp(page, mailbox);
  const url = journey.portal.url;
  const table = await page.request.put(`${url}/api/price-table`, {
    data: {
      currency: 'EUR',
      basedOnVersion: null,
      ranges: [
        { from: 1, to: 50, articleName: 'Scan S', articleNumber: 'S-50', unitPrice: '2.00' },
        { from: 51, to: 250, articleName: 'Scan M', articleNumber: 'M-250', unitPrice: '1.50' },
        { from: 251, to: 500, articleName: 'Scan L', articleNumber: 'L-500', unitPrice: '1.00' },
      ],
    },
  });
  expect(table.status()).toBe(200);
  const selfService = await page.request.put(`${url}/api/settings/self-service`, {
    data: { registrationEnabled: true },
  });
  expect(selfService.status()).toBe(200);
  const created = await page.request.post(`${url}/api/customers`, {
    data: {
      companyName: company,
      address: { street: 'Invalidenstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
      contactName: 'Olga Orbit',
      contactEmail: contact.email,
      serviceMode: 'self-service',
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const customer = (await created.json()) as { id: string; version: number };
  // 300 IPs at once, then a downgrade to 250 scheduled for the month end.
  const distribute = async (internal: number, external: number, instant: boolean, version: number) => {
    const res = await page.request.put(`${url}/api/customers/${customer.id}/ip-distribution`, {
      data: { total: internal + external, internal, external, instant, version },
    });
    expect(res.status(), await res.text()).toBe(200);
    return ((await res.json()) as { customer: { version: number } }).customer.version;
  };
  const version = await distribute(200, 100, true, customer.version);
  await distribute(150, 100, false, version);

  const main = await acceptInvitation(browser, mailbox, contact);
  await expect(main.getByRole('heading', { name: `Welcome, ${contact.email}` })).toBeVisible();

  // 50 × 2.00 + 200 × 1.50 + 50 × 1.00 = 450.00 a month; 250 IPs will cost 100.00 + 300.00 = 400.00.
  const subscription = region(main, 'Subscription');
  await expect(subscription.getByText('Internal IPs')).toBeVisible();
  await expect(subscription).toContainText(/Internal IPs\s*200/);
  await expect(subscription).toContainText(/External IPs\s*100/);
  await expect(subscription).toContainText(/IPs in total\s*300/);
  await expect(subscription).toContainText('Scan S (S-50), Scan M (M-250), Scan L (L-500)');
  await expect(subscription).toContainText(/Monthly price\s*€450\.00/);
  await expect(subscription.getByRole('note')).toContainText(
    /Downgrade to 150 internal and 100 external IPs for €400\.00 a month, from \w{3} 1, \d{4}/,
  );

  const team = region(main, 'Team');
  await expect(team).toContainText('1 active member');
  await expect(team).toContainText('0 pending invitations');

  const invoices = region(main, 'Latest invoices');
  await expect(invoices).toContainText('No invoices yet.');
  await expect(invoices.getByRole('link', { name: 'All invoices' })).toHaveAttribute(
    'href',
    '/portal/invoices',
  );

  await expect(region(main, 'Your company')).toContainText(company);

  const next = region(main, 'What you can do next');
  await expect(next.getByRole('link', { name: 'Change the subscription' })).toHaveAttribute(
    'href',
    '/portal/subscription',
  );
  await expect(next.getByRole('link', { name: 'See and download invoices' })).toBeVisible();
  await next.getByRole('button', { name: 'Invite a team member' }).click();
  const invite = main.getByRole('dialog');
  await invite.getByLabel('E-mail').fill(member.email);
  await invite.getByRole('button', { name: 'Send Invite' }).click();
  await expect(invite).toBeHidden();
  await expect(team).toContainText('1 pending invitation');

  // The same overview in German, its texts merged in when the German bundle loads.
  await main.getByText('DE', { exact: true }).click();
  const abonnement = region(main, 'Abonnement');
  await expect(abonnement).toContainText(/Monatspreis\s*450,00\s€/);
  await expect(abonnement.getByRole('note')).toContainText(
    'Verringerung auf 150 interne und 100 externe IPs',
  );
  await expect(region(main, 'Team')).toContainText('1 aktives Mitglied');
  await expect(region(main, 'Neueste Rechnungen')).toContainText('Noch keine Rechnungen.');
  await expect(
    region(main, 'Was Sie als Nächstes tun können').getByRole('button', { name: 'Teammitglied einladen' }),
  ).toBeVisible();

  // The member may change the subscription and see the invoices, but invites no one: that is the main user's.
  const invitation = await mailbox.waitFor(member.email, /team/i);
  const link = invitation.text?.match(/https?:\/\/\S+\/team-invitation\?token=\S+/)?.[0];
  expect(link).toBeTruthy();
  const memberPage = await (await browser.newContext()).newPage();
  await memberPage.goto(link as string);
  await memberPage.getByLabel('Password', { exact: true }).fill(member.password);
  await memberPage.getByLabel('Confirm password').fill(member.password);
  await memberPage.getByRole('button', { name: 'Set password' }).click();
  await expect(memberPage).toHaveURL(/\/portal$/);
  await expect(region(memberPage, 'Team')).toContainText('2 active members');
  const memberNext = region(memberPage, 'What you can do next');
  await expect(memberNext.getByRole('link', { name: 'Change the subscription' })).toBeVisible();
  await expect(memberNext.getByRole('link', { name: 'See and download invoices' })).toBeVisible();
  await expect(memberNext.getByRole('button', { name: 'Invite a team member' })).toHaveCount(0);
  await memberPage.context().close();
  await main.context().close();
});
