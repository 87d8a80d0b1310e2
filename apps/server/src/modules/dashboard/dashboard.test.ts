import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/connection.ts';
import {
  customers,
  pendingSubscriptionChanges,
  projectKeyRedemptions,
  subscriptions,
} from '../../db/schema.ts';
import {
  createAdmin,
  createTestPortal,
  STRONG_PASSWORD,
  sessionCookieOf,
  signIn,
  type TestPortal,
} from '../../test/harness.ts';
import { mirrorListColumns } from '../billing/list-columns.ts';
import { insertTestInvoice } from '../invoicing/test-invoices.ts';

/**
 * Every figure of the dashboard against a reference computed here, in plain TypeScript over the random data set
 * the test wrote (and the customers' counts by plain SQL over the customers table), for the current month and a
 * past one, and for each of several random data sets.
 */

let portal: TestPortal;
let admin: string;

const api = (url: string, cookie = admin) => portal.app.inject({ method: 'GET', url, headers: { cookie } });
const putTable = (payload: object) =>
  portal.app.inject({ method: 'PUT', url: '/api/purchase-price-table', payload, headers: { cookie: admin } });

// Billing time zone Europe/Berlin: May 2026 ends at 2026-05-31T22:00Z, April at 2026-04-30T22:00Z.
const NOW = '2026-05-15T10:00:00Z';
const APRIL_END = new Date('2026-04-30T22:00:00Z');
const MAY_END = new Date('2026-05-31T22:00:00Z');
const JUNE_END = new Date('2026-06-30T22:00:00Z');

/** Purchase table versions in cents: tiered, IPs beyond the last range at its price. */
const V1 = [
  { from: 1, to: 100, price: 100 },
  { from: 101, to: 1000, price: 80 },
  { from: 1001, to: 3000, price: 50 },
];
const V2 = [
  { from: 1, to: 500, price: 90 },
  { from: 501, to: 2000, price: 60 },
];
const tableInput = (ranges: typeof V1, basedOnVersion: number | null) => ({
  currency: 'EUR',
  basedOnVersion,
  ranges: ranges.map((r, i) => ({
    from: r.from,
    to: r.to,
    articleName: `Upstream ${i}`,
    articleNumber: `UP-${i}`,
    unitPrice: (r.price / 100).toFixed(2),
  })),
});
function referencePurchase(ranges: typeof V1, ips: number): number {
  let total = 0;
  for (const r of ranges) total += Math.max(0, Math.min(ips, r.to) - r.from + 1) * r.price;
  const last = ranges.at(-1) as (typeof V1)[number];
  return total + Math.max(0, ips - last.to) * last.price;
}

/** A small seeded generator, so that a failing data set can be reproduced from its seed. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: T[]) => xs[Math.floor(next() * xs.length)] as T,
  };
}

interface Period {
  customer: number;
  mode: 'managed' | 'self-service';
  method: 'credit-card' | 'invoice' | 'project-key';
  internal: number;
  external: number;
  monthly: number;
  start: Date;
  end: Date | null;
  keyPurchasePerMonth: number | null;
}
interface DataSet {
  periods: Period[];
  pending: { ips: number; monthly: number; runningIps: number; runningMonthly: number; effectiveAt: Date }[];
  invoices: { month: string; status: string; gross: number; kind: string }[];
}

let setNo = 0;
async function writeDataSet(seed: number): Promise<DataSet> {
  setNo += 1;
  const r = random(seed);
  const db = portal.connection.db;
  const data: DataSet = { periods: [], pending: [], invoices: [] };
  const ids: string[] = [];
  const day = 86_400_000;
  for (let c = 0; c < 40; c += 1) {
    const mode = r.pick(['managed', 'self-service'] as const);
    const [row] = await db
      .insert(customers)
      .values({
        companyName: `Set ${setNo} Customer ${c}`,
        street: 'Hauptstraße 1',
        postalCode: '10115',
        city: 'Berlin',
        country: 'DE',
        contactName: 'Erika Mustermann',
        contactEmail: `c${c}@set${setNo}.test`,
        serviceMode: mode,
        status: r.pick(['invited', 'active', 'active', 'inactive', 'locked', 'deleting'] as const),
        createdAt: new Date('2026-01-01T00:00:00Z'),
        updatedAt: new Date('2026-01-01T00:00:00Z'),
      })
      .returning({ id: customers.id });
    const customerId = row?.id as string;
    ids.push(customerId);
    // A chain of periods from January on; a boundary falls on April's end now and then (the edge of "closed").
    let start = new Date(Date.parse('2026-01-05T00:00:00Z') + r.int(0, 100) * day);
    const count = r.int(0, 3);
    for (let p = 0; p < count && start.getTime() < Date.parse(NOW); p += 1) {
      const last = p === count - 1;
      let end: Date | null = null;
      if (!last || r.next() < 0.2) {
        const candidate =
          r.next() < 0.3 && start < APRIL_END ? APRIL_END : new Date(start.getTime() + r.int(1, 60) * day);
        end = candidate.getTime() < Date.parse(NOW) ? candidate : null;
      }
      const method = r.pick(['credit-card', 'invoice', 'invoice', 'project-key'] as const);
      const internal = r.int(0, 150);
      const external = r.int(method === 'project-key' || internal === 0 ? 1 : 0, 150);
      const monthly = r.int(100, 40_000);
      let keyPurchasePerMonth: number | null = null;
      let projectKeyId: string | null = null;
      if (method === 'project-key') {
        projectKeyId = `key-${setNo}-${c}-${p}`;
        const months = r.int(1, 24);
        const purchase = r.int(1_000, 500_000);
        keyPurchasePerMonth = Math.round(purchase / months);
        await db.insert(projectKeyRedemptions).values({
          keyId: projectKeyId,
          customerId,
          signerKid: 'upstream',
          ips: internal + external,
          months,
          purchasePriceMinor: purchase,
          salesPriceMinor: monthly * months,
          currency: 'EUR',
          issuedAt: start,
          expiresAt: start,
          termStartsAt: start,
          termEndsAt: new Date(start.getTime() + months * 30 * day),
          redeemedAt: start,
        });
      }
      await db.insert(subscriptions).values({
        customerId,
        ipsInternal: internal,
        ipsExternal: external,
        paymentMethod: method,
        monthlyPriceMinor: monthly,
        currency: 'EUR',
        startedAt: start,
        endedAt: end,
        projectKeyId,
      });
      data.periods.push({
        customer: c,
        mode,
        method,
        internal,
        external,
        monthly,
        start,
        end,
        keyPurchasePerMonth,
      });
      if (!end) {
        if (r.next() < 0.5) {
          const ips = r.int(1, 300);
          const monthlyNew = r.int(100, 40_000);
          const effectiveAt = r.pick([MAY_END, MAY_END, JUNE_END]);
          await db.insert(pendingSubscriptionChanges).values({
            customerId,
            kind: ips > internal + external ? 'upgrade' : 'downgrade',
            ipsInternal: ips,
            ipsExternal: 0,
            monthlyPriceMinor: monthlyNew,
            currency: 'EUR',
            effectiveAt,
            createdAt: new Date(NOW),
          });
          data.pending.push({
            ips,
            monthly: monthlyNew,
            runningIps: internal + external,
            runningMonthly: monthly,
            effectiveAt,
          });
        }
        break;
      }
      start = end;
    }
    for (const month of ['2026-04', '2026-05']) {
      if (r.next() < 0.5) continue;
      const issued = await insertTestInvoice(db, {
        customerId,
        customerName: `Set ${setNo} Customer ${c}`,
        billingMonth: month,
        issueDate: month === '2026-04' ? '2026-05-01' : '2026-05-14',
        lines: [{ quantity: r.int(1, 300), unitPriceMinor: r.int(50, 200) }],
      });
      const status = r.pick(['issued', 'paid', 'overdue', 'cancelled']);
      // A credit note in the month's rows must not count as an invoice.
      const kind = r.next() < 0.1 ? 'credit-note' : 'invoice';
      await db.execute(sql`update invoices set status = ${status}, kind = ${kind} where id = ${issued.id}`);
      data.invoices.push({ month, status, gross: issued.document.totals.grossMinor, kind });
    }
  }
  // The customers' rows mirror their running periods, as the services keep them (the current month reads them).
  await mirrorListColumns(db, ids, new Date(NOW));
  return data;
}

const all: DataSet = { periods: [], pending: [], invoices: [] };

async function expected(month: string, ranges: typeof V1 | null) {
  const current = month === '2026-05';
  const running = all.periods.filter((p) =>
    current ? p.end === null : p.start < APRIL_END && (p.end === null || p.end >= APRIL_END),
  );
  const total = (ps: Period[], f: (p: Period) => number) => ps.reduce((n, p) => n + f(p), 0);
  const ips = total(running, (p) => p.internal + p.external);
  const mrr = total(running, (p) => p.monthly);
  const perIp = (x: number) => (ips ? Math.round(x / ips) : null);
  const byMethod = (m: Period['method']) =>
    total(
      running.filter((p) => p.method === m),
      (p) => p.internal + p.external,
    );
  let purchase = null;
  if (ranges) {
    const cost =
      total(
        running.filter((p) => p.method !== 'project-key'),
        (p) => referencePurchase(ranges, p.internal + p.external),
      ) + total(running, (p) => p.keyPurchasePerMonth ?? 0);
    purchase = {
      version: ranges === V1 ? 1 : 2,
      totalMinor: cost,
      averagePerIpMinor: perIp(cost),
      marginMinor: mrr - cost,
      marginPerIpMinor: perIp(mrr - cost),
    };
  }
  const invoicesOf = (status?: string) => {
    const xs = all.invoices.filter(
      (i) => i.month === month && i.kind === 'invoice' && (!status || i.status === status),
    );
    return { count: xs.length, grossMinor: xs.reduce((n, i) => n + i.gross, 0) };
  };
  const due = all.pending.filter((p) => p.effectiveAt <= MAY_END);
  const counts = await queryRows<{ status: string; service_mode: string; n: number }>(
    portal.connection.db,
    sql`select status, service_mode, count(*)::int as n from customers group by status, service_mode`,
  );
  const countOf = (f: (c: (typeof counts)[number]) => boolean) =>
    counts.filter(f).reduce((n, c) => n + c.n, 0);
  return {
    month,
    current,
    asOf: current ? new Date(NOW).toISOString() : new Date(APRIL_END.getTime() - 1).toISOString(),
    currency: 'EUR',
    customersNow: {
      total: countOf(() => true),
      byStatus: Object.fromEntries(
        ['invited', 'active', 'inactive', 'locked', 'deleting'].map((s) => [
          s,
          countOf((c) => c.status === s),
        ]),
      ),
      byServiceMode: {
        managed: countOf((c) => c.service_mode === 'managed'),
        selfService: countOf((c) => c.service_mode === 'self-service'),
      },
    },
    // The data sets are written to the tables directly, so nothing was audited (dashboard-movements.test.ts).
    movements: { new: 0, converted: 0, cancelled: 0, deleted: 0 },
    ips: {
      total: ips,
      internal: total(running, (p) => p.internal),
      external: total(running, (p) => p.external),
      byPaymentMethod: {
        creditCard: byMethod('credit-card'),
        invoice: byMethod('invoice'),
        projectKey: byMethod('project-key'),
      },
    },
    revenue: {
      monthlyRecurringMinor: mrr,
      averagePerIpMinor: perIp(mrr),
      selfServiceMinor: total(
        running.filter((p) => p.mode === 'self-service'),
        (p) => p.monthly,
      ),
      managedMinor: total(
        running.filter((p) => p.mode === 'managed'),
        (p) => p.monthly,
      ),
    },
    purchase,
    invoices: { issued: invoicesOf(), paid: invoicesOf('paid'), overdue: invoicesOf('overdue') },
    scheduledChanges: {
      effectiveAt: MAY_END.toISOString(),
      count: due.length,
      ipDelta: due.reduce((n, p) => n + p.ips - p.runningIps, 0),
      revenueDeltaMinor: due.reduce((n, p) => n + p.monthly - p.runningMonthly, 0),
    },
  };
}

async function addData(seed: number) {
  const data = await writeDataSet(seed);
  all.periods.push(...data.periods);
  all.pending.push(...data.pending);
  all.invoices.push(...data.invoices);
}

beforeAll(async () => {
  portal = await createTestPortal();
  await createAdmin(portal);
  portal.clock.set(NOW);
  admin = await signIn(portal, 'admin@provider.test');
});
afterAll(() => portal.dispose());

describe('the dashboard', () => {
  it('shows sales figures only while no purchase price table exists', async () => {
    await addData(1);
    const res = await api('/api/dashboard');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual(await expected('2026-05', null));
    expect(res.json().ips.total).toBeGreaterThan(0);
  });

  it('counts every figure exactly, for the current and a past month, over several random data sets', async () => {
    // Version 1 applies from January (the first one at once), version 2 from May (saved in April).
    portal.clock.set('2026-01-10T09:00:00Z');
    admin = await signIn(portal, 'admin@provider.test');
    expect((await putTable(tableInput(V1, null))).statusCode).toBe(200);
    portal.clock.set('2026-04-10T09:00:00Z');
    admin = await signIn(portal, 'admin@provider.test');
    expect((await putTable(tableInput(V2, 1))).statusCode).toBe(200);
    portal.clock.set(NOW);
    admin = await signIn(portal, 'admin@provider.test');
    for (const seed of [2, 3, 4]) {
      await addData(seed);
      expect((await api('/api/dashboard')).json()).toEqual(await expected('2026-05', V2));
      expect((await api('/api/dashboard?month=2026-05')).json()).toEqual(await expected('2026-05', V2));
      expect((await api('/api/dashboard?month=2026-04')).json()).toEqual(await expected('2026-04', V1));
    }
    // The data sets reach every kind of figure, so that no comparison above holds by being zero on both sides.
    const may = (await api('/api/dashboard')).json();
    const april = (await api('/api/dashboard?month=2026-04')).json();
    for (const figures of [may, april]) {
      expect(Object.values(figures.ips.byPaymentMethod).every((n) => (n as number) > 0)).toBe(true);
      expect(figures.revenue.selfServiceMinor * figures.revenue.managedMinor).toBeGreaterThan(0);
      expect(figures.invoices.paid.count * figures.invoices.overdue.count).toBeGreaterThan(0);
    }
    expect(may.scheduledChanges.count).toBeGreaterThan(0);
    expect(all.pending.some((p) => p.effectiveAt > MAY_END)).toBe(true);
    expect(april.ips.total).not.toBe(may.ips.total);
  });

  it('has no purchase figures for a month before the first purchase price table', async () => {
    const res = await api('/api/dashboard?month=2025-12');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().purchase).toBeNull();
    expect(res.json().ips.total).toBe(0);
  });

  it('refuses a future month and a malformed one, naming the month', async () => {
    for (const month of ['2026-06', '2027-01', '2026-13', 'May']) {
      const res = await api(`/api/dashboard?month=${month}`);
      expect(res.statusCode, month).toBe(400);
      expect(res.json()).toMatchObject({ field: 'month' });
    }
  });

  it('is for admins only', async () => {
    expect((await api('/api/dashboard', '')).statusCode).toBe(401);
    await portal.app.inject({
      method: 'PUT',
      url: '/api/settings/mail',
      payload: { transport: 'log', fromAddress: 'portal@provider.test' },
      headers: { cookie: admin },
    });
    const contactEmail = 'main@dashboard-customer.test';
    const created = await portal.app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: { cookie: admin },
      payload: {
        companyName: 'Customer GmbH',
        address: { street: 'Hauptstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
        contactName: 'Erika Mustermann',
        contactEmail,
        serviceMode: 'managed',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const [mail] = await queryRows<{ text: string }>(
      portal.connection.db,
      sql`select text from mails where to_address = ${contactEmail} order by created_at desc limit 1`,
    );
    const token = decodeURIComponent(mail?.text.match(/token=([A-Za-z0-9_%-]+)/)?.[1] ?? '');
    const accepted = await portal.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, password: STRONG_PASSWORD, passwordConfirmation: STRONG_PASSWORD },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await api('/api/dashboard', sessionCookieOf(accepted))).statusCode).toBe(403);
  });
});
