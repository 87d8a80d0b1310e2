import type { Page } from '@playwright/test';
import { configureSmtp, expect, journeyPortal, signInAs, test } from './fixtures.ts';

// Issue 6: a main user invites a member, who accepts through the mailed link; the main user
// disables the member (the member's open page stops working) and enables them again, then the admin makes the
// member the main user, and the Billing list shows the member's e-mail as the contact.
const company = 'Acme Security GmbH';
const contact = { email: 'erika@acme-security.test', password: 'seven purple lanterns over berlin' };
const member = { email: 'max@acme-security.test', password: 'quiet orange kites above hamburg' };

const journey = journeyPortal();
const { mailbox } = journey;

/** The link of the mail to the address whose subject matches, pointing at the page. */
async function mailedLink(to: string, subject: RegExp, page: string): Promise<string> {
  const mail = await mailbox.waitFor(to, subject);
  const link = mail.text?.match(new RegExp(`https?://\\S+/${page}\\?token=\\S+`))?.[0];
  if (!link) throw new Error(`no ${page} link in the mail to ${to}`);
  return link;
}

/** Follows an invitation link and chooses the password; lands in the portal. */
async function setPassword(page: Page, link: string, email: string, password: string): Promise<void> {
  await page.goto(link);
  await expect(page.getByText(email).first()).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password').fill(password);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page).toHaveURL(/\/portal$/);
}

const openTeam = (page: Page) =>
  page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Team' }).click();

test('the main user invites, disables and enables a member; the admin makes the member the main user', async ({
  page,
  browser,
}) => {
  await signInAs(page, journey.portal);
  await configureSmtp(page, mailbox);
  const created = await page.request.post(`${journey.portal.url}/api/customers`, {
    data: {
      companyName: company,
      address: { street: 'Hauptstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
      contactName: 'Erika Mustermann',
      contactEmail: contact.email,
      serviceMode: 'managed',
    },
  });
  expect(created.status()).toBe(201);

  const mainContext = await browser.newContext();
  const main = await mainContext.newPage();
  await setPassword(
    main,
    await mailedLink(contact.email, /invitation/i, 'invitation'),
    contact.email,
    contact.password,
  );

  await openTeam(main);
  await expect(main.getByRole('heading', { name: 'Team' })).toBeVisible();
  await main.getByRole('button', { name: '+ New Invite' }).click();
  const invite = main.getByRole('dialog');
  await invite.getByLabel('E-mail').fill(member.email);
  await invite.getByRole('button', { name: 'Send Invite' }).click();
  await expect(main.getByText(`The invitation was sent to ${member.email}.`)).toBeVisible();
  const memberRow = main.getByRole('row').filter({ hasText: member.email });
  await expect(memberRow).toContainText('invited');

  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await setPassword(
    memberPage,
    await mailedLink(member.email, /team/i, 'team-invitation'),
    member.email,
    member.password,
  );
  await expect(memberPage.getByText(company).first()).toBeVisible();
  await openTeam(memberPage);
  await expect(memberPage.getByText(`Only the main user of your company (${contact.email})`)).toBeVisible();
  await expect(memberPage.getByRole('button', { name: '+ New Invite' })).toHaveCount(0);

  await main.reload();
  await expect(memberRow).toContainText('active');
  await memberRow.getByRole('button', { name: `Disable ${member.email}` }).click();
  await expect(memberRow).toContainText('disabled');
  // The member's open page stops working at once: the next request finds the session gone.
  await memberPage.reload();
  await expect(memberPage).toHaveURL(/\/sign-in/);
  await signInAs(memberPage, journey.portal, member.email, member.password);
  await expect(memberPage.getByRole('alert')).toContainText('This user has been disabled');

  await memberRow.getByRole('button', { name: `Enable ${member.email}` }).click();
  await expect(memberRow).toContainText('active');
  await signInAs(memberPage, journey.portal, member.email, member.password);
  // Sign-in brings the member back to the page the session ended on.
  await expect(memberPage).toHaveURL(/\/portal\/team$/);

  // The admin makes the member the main user; the list's contact e-mail follows.
  await page.getByRole('navigation', { name: 'Menu panel' }).getByRole('link', { name: 'Billing' }).click();
  const customerRow = page.getByRole('row').filter({ hasText: company });
  await customerRow.getByRole('button', { name: `Actions for ${company}` }).click();
  await page.getByRole('menuitem', { name: 'Change Main User' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change Main User' });
  await dialog.getByRole('radio', { name: member.email }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(customerRow).toContainText(member.email);
  await main.reload();
  await expect(memberRow).toContainText('Main user');
  await expect(main.getByRole('button', { name: '+ New Invite' })).toHaveCount(0);
  await memberPage.reload();
  await expect(memberPage.getByRole('button', { name: '+ New Invite' })).toBeVisible();
  await mainContext.close();
  await memberContext.close();
});
