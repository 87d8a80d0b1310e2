import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createFirstAdmin,
  expect,
  PORTAL_START_MS,
  type RunningPortal,
  signInAs,
  startPortal,
  test,
} from './fixtures.ts';

// Issue 5: the upstream MSP issues a key with `vmsp keys issue`; the admin configures the MSP's public
// key, redeems the key for a managed customer in the Add Project Key wizard, and the row shows Project Key.
let portal: RunningPortal;
let stop: () => Promise<void>;
const keysDir = mkdtempSync(path.join(tmpdir(), 'vmsp-keys-'));
const vmsp = (...args: string[]) =>
  execFileSync(process.execPath, [path.resolve(import.meta.dirname, '../apps/server/src/main.ts'), ...args], {
    encoding: 'utf8',
  });

test.beforeAll(async () => {
  test.setTimeout(PORTAL_START_MS);
  ({ portal, stop } = await startPortal());
  await createFirstAdmin(portal);
});
test.afterAll(async () => {
  await stop();
  rmSync(keysDir, { recursive: true, force: true });
});

test('an admin redeems a project key issued by the CLI; forged and reused keys are refused', async ({
  page,
}) => {
  const [privateJwk, publicJwk] = vmsp('keys', 'keypair')
    .split('\n')
    .filter((line) => line.startsWith('{'));
  const keyFile = path.join(keysDir, 'private.jwk');
  writeFileSync(keyFile, privateJwk ?? '');
  const issue = () =>
    vmsp(
      'keys',
      'issue',
      '--ips',
      '100',
      '--months',
      '12',
      '--purchase-price',
      '1200.00',
      '--currency',
      'EUR',
      '--key',
      keyFile,
    ).trim();
  const key = issue();

  await signInAs(page, portal);
  const menu = page.getByRole('navigation', { name: 'Menu panel' });
  await menu.getByRole('link', { name: 'Project Keys' }).click();
  await page.getByLabel('Name').fill('Upstream MSP');
  await page.getByLabel('Public key (JWK)').fill(publicJwk ?? '');
  await page.getByRole('button', { name: 'Add public key' }).click();
  await expect(page.getByRole('table', { name: 'Public keys of upstream MSPs' })).toContainText(
    'Upstream MSP',
  );

  // A managed customer (the invitation goes to the mail log).
  await page.request.put(`${portal.url}/api/settings/mail`, {
    data: { transport: 'log', fromAddress: 'portal@provider.test' },
  });
  const created = await page.request.post(`${portal.url}/api/customers`, {
    data: {
      companyName: 'Keyhole Networks AG',
      address: { street: 'Bahnhofstraße 3', postalCode: '80335', city: 'München', country: 'DE' },
      contactName: 'Kai Key',
      contactEmail: 'kai@keyhole.test',
    },
  });
  expect(created.status()).toBe(201);

  await menu.getByRole('link', { name: 'Billing' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Keyhole Networks AG' });
  const openWizard = async () => {
    await row.getByRole('button', { name: 'Actions for Keyhole Networks AG' }).click();
    await page.getByRole('menuitem', { name: 'Add Project Key' }).click();
    return page.getByRole('dialog', { name: 'Add Project Key' });
  };

  // A tampered key names its problem at the first step.
  let wizard = await openWizard();
  const [header, payload, signature] = key.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
  const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, ips: 1000 })).toString('base64url')}.${signature}`;
  await wizard.getByLabel('Project key').fill(tampered);
  await wizard.getByRole('button', { name: 'Next' }).click();
  await expect(wizard.getByText(/altered or forged/)).toBeVisible();

  await wizard.getByLabel('Project key').fill(key);
  await wizard.getByRole('button', { name: 'Next' }).click();
  await expect(wizard).toContainText('100');
  await expect(wizard).toContainText('12');
  await expect(wizard).toContainText('€1,200.00');
  await wizard.getByLabel('Sales price').fill('1500.00');
  await wizard.getByRole('button', { name: 'Next' }).click();
  await wizard.getByLabel("External IP's").fill('40');
  await expect(wizard.getByLabel("Internal IP's")).toHaveValue('60');
  await wizard.getByRole('button', { name: 'Next' }).click();
  await expect(wizard).toContainText('€300.00'); // the margin
  await wizard.getByLabel('Perform action instantly').check();
  await wizard.getByRole('button', { name: 'Finish' }).click();
  await expect(wizard).toBeHidden();
  await expect(row).toContainText('Project Key');
  await expect(row).toContainText('60');
  await expect(row).toContainText('40');

  // The same key a second time is refused.
  wizard = await openWizard();
  await wizard.getByLabel('Project key').fill(key);
  await wizard.getByRole('button', { name: 'Next' }).click();
  await expect(wizard.getByText(/already been redeemed/)).toBeVisible();
});
