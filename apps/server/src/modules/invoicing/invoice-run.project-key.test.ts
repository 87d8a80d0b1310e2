import type { InvoiceDocument } from '@vmsp/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/connection.ts';
import { createAdmin, createTestPortal, signIn, type TestPortal } from '../../test/harness.ts';
import { insertCustomers } from '../customers/customers.repository.ts';
import { generateSignerKeyPair, issueProjectKey } from '../project-keys/project-key-token.ts';
import { COMPLETE_COMPANY } from './company-settings.fixtures.ts';

let portal: TestPortal;
let admin: string;
const system = { id: '00000000-0000-4000-8000-000000000003', email: 'system@provider.test' };

const invoicesOf = (customerId: string) =>
  queryRows<{ billing_month: string; net_minor: number; document: InvoiceDocument }>(
    portal.connection.db,
    sql`select billing_month, net_minor::int, document from invoices where customer_id = ${customerId}
        order by billing_month`,
  );

let customerId: string;
let keyId: string;

beforeAll(async () => {
  portal = await createTestPortal();
  portal.clock.set('2026-03-10T10:00:00Z');
  await createAdmin(portal);
  admin = await signIn(portal, 'admin@provider.test');
  const msp = await generateSignerKeyPair();
  await portal.services.projectKeySigners.add(system, {
    label: 'Upstream MSP',
    publicJwk: JSON.stringify(msp.publicJwk),
  });
  await portal.services.mail.saveSettings(system, { transport: 'log', fromAddress: 'portal@provider.test' });
  await portal.services.companySettings.save(system, COMPLETE_COMPANY);
  const now = portal.clock.now();
  const [c] = await insertCustomers(portal.connection.db, [
    {
      companyName: 'Keyed GmbH',
      street: 'Weg 1',
      postalCode: '10115',
      city: 'Berlin',
      country: 'DE',
      contactName: 'K',
      contactEmail: 'k@keys.test',
      serviceMode: 'managed',
      status: 'inactive',
      registeredAt: now,
      createdAt: now,
      updatedAt: now,
    },
  ]);
  customerId = c?.id ?? '';
  // 100 IPs for 12 months, bought for 1,200.00 and sold for 1,500.00 (the whole term).
  const key = await issueProjectKey({
    privateJwk: msp.privateJwk,
    ips: 100,
    months: 12,
    purchasePriceMinor: 120_000,
    currency: 'EUR',
    issuedAt: now,
    expiresAt: new Date(now.getTime() + 90 * 86_400_000),
  });
  const { version } = await portal.services.details.details(customerId);
  const res = await portal.app.inject({
    method: 'POST',
    url: `/api/customers/${customerId}/project-key`,
    headers: { cookie: admin },
    payload: { key, salesPrice: '1500,00', internal: 60, external: 40, instant: true, version },
  });
  expect(res.statusCode, res.body).toBe(200);
  keyId = res.json().customer.projectKeys[0].keyId;
});
afterAll(() => portal.dispose());

describe('invoicing a project key', () => {
  it("bills the term's sales price per month, pro rata in the month the term starts, as one line", async () => {
    portal.clock.set('2026-04-01T00:05:00+02:00');
    expect((await portal.services.monthEnd.run()).invoiced).toBe(1);
    portal.clock.set('2026-05-01T00:05:00+02:00');
    expect((await portal.services.monthEnd.run()).invoiced).toBe(1);
    const [march, april] = await invoicesOf(customerId);
    // 1,500.00 / 12 = 125.00 a month; in March from the 10th: 22 of 31 days.
    expect(march?.document.lines).toEqual([
      expect.objectContaining({
        articleName: `Projektschlüssel ${keyId}: 100 IPs, Laufzeit 12 Monate`,
        articleNumber: 'PROJECT-KEY',
        quantity: 1,
        unitPriceMinor: 12_500,
        netMinor: 8871,
        periodFrom: '2026-03-10',
        periodTo: '2026-03-31',
      }),
    ]);
    expect(march?.document.language).toBe('de');
    expect(april).toMatchObject({ billing_month: '2026-04', net_minor: 12_500 });
    expect(april?.document.lines).toHaveLength(1);
  });
});
