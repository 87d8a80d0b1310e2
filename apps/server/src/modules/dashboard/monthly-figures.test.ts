import { billingMonthFromLabel } from '@vmsp/domain';
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
  invitedCustomer,
  signIn,
  type TestPortal,
} from '../../test/harness.ts';
import { mirrorListColumns } from '../billing/list-columns.ts';

/**
 * The monthly aggregates against a recount in plain SQL, over random histories: customers start, change and
 * cancel their subscriptions at random instants, downgrades wait for the month end, and the month end runs
 * after most months (one is missed and caught up). Each closed month's kept figures must equal a recount of
 * the periods that ran when it closed (made right after its month end and again at the end), the history
 * endpoint must show them, and `vmsp stats rebuild`'s method must count the same again.
 */

let portal: TestPortal;
let admin: string;
const TZ = 'Europe/Berlin';
const DAY = 86_400_000;
const get = (url: string, cookie = admin) => portal.app.inject({ method: 'GET', url, headers: { cookie } });
const put = (url: string, payload: object) =>
  portal.app.inject({ method: 'PUT', url, payload, headers: { cookie: admin } });

/** A small seeded generator, so that a failing history can be reproduced from its seed. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}

const purchaseTable = (price: number, basedOnVersion: number | null) => ({
  currency: 'EUR',
  basedOnVersion,
  ranges: [
    { from: 1, to: 50, articleName: 'Up A', articleNumber: 'UA', unitPrice: (price / 100).toFixed(2) },
    {
      from: 51,
      to: 200,
      articleName: 'Up B',
      articleNumber: 'UB',
      unitPrice: ((price - 20) / 100).toFixed(2),
    },
  ],
});

/**
 * A closed month's figures counted here in plain SQL: the periods running at its end, the purchase table's
 * ranges (and the last range's price beyond it) of the version applying at its last instant, per period.
 */
async function recount(label: string) {
  const end = billingMonthFromLabel(label, TZ).end;
  return recountAt(end, new Date(end.getTime() - 1));
}

/** The figures of the periods running at `end`, priced by the purchase version applying at `asOf`. */
async function recountAt(endsAt: Date, asOfInstant: Date) {
  const end = endsAt;
  const asOf = asOfInstant.toISOString();
  const [row] = await queryRows<Record<string, number | null>>(
    portal.connection.db,
    sql`with running as (
          select s.*, c.service_mode from subscriptions s join customers c on c.id = s.customer_id
          where s.started_at < ${end.toISOString()}::timestamptz
            and (s.ended_at is null or s.ended_at >= ${end.toISOString()}::timestamptz)),
        v as (select * from purchase_price_versions where running_from <= ${asOf}::timestamptz
              order by version desc limit 1),
        cost as (
          select r.id, case when r.project_key_id is not null
              then (select round(k.purchase_price_minor::numeric / k.months) from project_key_redemptions k
                    where k.key_id = r.project_key_id)
              else (select sum(greatest(0, least(r.ips_internal + r.ips_external, (e->>'to')::int)
                                        - (e->>'from')::int + 1) * (e->>'unitPriceMinor')::int)
                      + greatest(0, r.ips_internal + r.ips_external - max((e->>'to')::int))
                        * (array_agg((e->>'unitPriceMinor')::int order by (e->>'to')::int desc))[1]
                    from v, jsonb_array_elements(v.ranges) e) end as minor
          from running r)
        select coalesce(sum(ips_internal), 0)::int as "ipsInternal",
          coalesce(sum(ips_external), 0)::int as "ipsExternal",
          coalesce(sum(ips_internal + ips_external) filter (where payment_method = 'credit-card'), 0)::int
            as "ipsCreditCard",
          coalesce(sum(ips_internal + ips_external) filter (where payment_method = 'invoice'), 0)::int
            as "ipsInvoice",
          coalesce(sum(ips_internal + ips_external) filter (where payment_method = 'project-key'), 0)::int
            as "ipsProjectKey",
          coalesce(sum(monthly_price_minor), 0)::int as "revenueMinor",
          coalesce(sum(monthly_price_minor) filter (where service_mode = 'self-service'), 0)::int
            as "revenueSelfServiceMinor",
          coalesce(sum(monthly_price_minor) filter (where service_mode = 'managed'), 0)::int
            as "revenueManagedMinor",
          (select version from v) as "purchaseVersion",
          case when exists (select 1 from v) then coalesce((select sum(minor) from cost), 0)::int end
            as "purchaseMinor"
        from running`,
  );
  return row;
}

/** The kept figures of a month as stored (null: not kept). */
async function kept(label: string) {
  const [row] = await queryRows<Record<string, number | null>>(
    portal.connection.db,
    sql`select ips_internal::int as "ipsInternal", ips_external::int as "ipsExternal",
          ips_credit_card::int as "ipsCreditCard", ips_invoice::int as "ipsInvoice",
          ips_project_key::int as "ipsProjectKey", revenue_minor::int as "revenueMinor",
          revenue_self_service_minor::int as "revenueSelfServiceMinor",
          revenue_managed_minor::int as "revenueManagedMinor", purchase_version as "purchaseVersion",
          purchase_minor::int as "purchaseMinor"
        from monthly_figures where month = ${label}`,
  );
  return row ?? null;
}

let customerNo = 0;
/** Writes one month of random history: periods started, changed and ended at random instants in it. */
async function randomMonth(r: ReturnType<typeof random>, label: string, ids: string[]) {
  const db = portal.connection.db;
  const month = billingMonthFromLabel(label, TZ);
  for (let i = r.int(2, 5); i > 0; i--) {
    customerNo += 1;
    const [row] = await db
      .insert(customers)
      .values({
        companyName: `History ${customerNo} GmbH`,
        street: 'Hauptstraße 1',
        postalCode: '10115',
        city: 'Berlin',
        country: 'DE',
        contactName: 'Erika Mustermann',
        contactEmail: `h${customerNo}@history.test`,
        serviceMode: r.next() < 0.5 ? 'managed' : 'self-service',
        status: 'active',
        createdAt: month.start,
        updatedAt: month.start,
      })
      .returning({ id: customers.id });
    ids.push(row?.id as string);
  }
  const span = month.end.getTime() - month.start.getTime();
  const instants = ids.map(() => new Date(month.start.getTime() + 1 + Math.floor(r.next() * (span - 2))));
  for (const [k, id] of ids.entries()) {
    const at = instants[k] as Date;
    const [running] = await db
      .select()
      .from(subscriptions)
      .where(sql`customer_id = ${id} and ended_at is null`);
    // A period that began after `at` (a change applied at the last month end) is left alone.
    if (running && running.startedAt >= at) continue;
    const action = r.next();
    if (running && action < 0.15) {
      await db.update(subscriptions).set({ endedAt: at }).where(sql`id = ${running.id}`); // cancelled
      continue;
    }
    if (running && action < 0.35) {
      // A downgrade due at the month's end: applied by the month end before it keeps the month's figures.
      await db
        .insert(pendingSubscriptionChanges)
        .values({
          customerId: id,
          kind: 'downgrade',
          ipsInternal: 1,
          ipsExternal: r.int(0, 20),
          priceVersion: 1,
          monthlyPriceMinor: r.int(100, 5_000),
          currency: 'EUR',
          effectiveAt: month.end,
          createdAt: at,
        })
        .onConflictDoNothing();
      continue;
    }
    if (action > 0.8) continue;
    if (running) await db.update(subscriptions).set({ endedAt: at }).where(sql`id = ${running.id}`);
    const method = (['invoice', 'invoice', 'credit-card', 'project-key'] as const)[r.int(0, 3)] ?? 'invoice';
    const internal = r.int(0, 150);
    const external = r.int(internal === 0 ? 1 : 0, 150);
    const projectKeyId = method === 'project-key' ? `key-${label}-${k}` : null;
    const period = {
      customerId: id,
      ipsInternal: internal,
      ipsExternal: external,
      paymentMethod: method,
      priceVersion: method === 'project-key' ? null : 1,
      monthlyPriceMinor: r.int(100, 40_000),
      currency: 'EUR',
      startedAt: at,
      projectKeyId,
    };
    // The redemption service starts the period, then records the key; either order must count the key once.
    const periodFirst = r.next() < 0.5;
    if (periodFirst) await db.insert(subscriptions).values(period);
    if (projectKeyId) {
      await db.insert(projectKeyRedemptions).values({
        keyId: projectKeyId,
        customerId: id,
        signerKid: 'upstream',
        ips: internal + external,
        months: r.int(1, 24),
        purchasePriceMinor: r.int(1_000, 90_000),
        salesPriceMinor: 100_000,
        currency: 'EUR',
        issuedAt: at,
        expiresAt: at,
        termStartsAt: at,
        termEndsAt: new Date(at.getTime() + 400 * DAY),
        redeemedAt: at,
      });
    }
    if (!periodFirst) await db.insert(subscriptions).values(period);
  }
  // The customers' rows mirror their running periods, as the services keep them.
  await mirrorListColumns(db, ids, month.end);
}

/** The month end as the job runs it, a minute after `label` closed. */
async function monthEndAfter(label: string) {
  portal.clock.set(new Date(billingMonthFromLabel(label, TZ).end.getTime() + 60_000));
  await portal.services.monthEnd.run();
}

beforeAll(async () => {
  portal = await createTestPortal();
  await createAdmin(portal);
  portal.clock.set('2025-12-20T09:00:00Z');
  admin = await signIn(portal, 'admin@provider.test');
  const sales = await put('/api/price-table', {
    currency: 'EUR',
    basedOnVersion: null,
    ranges: [{ from: 1, to: 400, articleName: 'Scan', articleNumber: 'S', unitPrice: '2.00' }],
  });
  expect(sales.statusCode, sales.body).toBe(200);
  // Version 1 applies at once, version 2 from February; a month before both has no purchase figures.
  expect((await put('/api/purchase-price-table', purchaseTable(100, null))).statusCode).toBe(200);
  portal.clock.set('2026-01-20T09:00:00Z');
  admin = await signIn(portal, 'admin@provider.test');
  expect((await put('/api/purchase-price-table', purchaseTable(90, 1))).statusCode).toBe(200);
});
afterAll(() => portal.dispose());

describe('the monthly aggregates', () => {
  const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'];
  const recounts = new Map<string, Awaited<ReturnType<typeof recount>>>();

  it('keep each closed month exactly as a recount of its periods, over random histories', async () => {
    const r = random(13);
    const ids: string[] = [];
    for (const label of months) {
      await randomMonth(r, label, ids);
      // The month end after February does not run: the one after March catches February up.
      if (label === '2026-02') continue;
      await monthEndAfter(label);
      for (const closed of months.slice(0, months.indexOf(label) + 1)) {
        if (!recounts.has(closed)) recounts.set(closed, await recount(closed));
        expect(await kept(closed), closed).toEqual(recounts.get(closed));
      }
    }
    // Later changes did not touch a closed month: the recount at the end still agrees.
    for (const label of months) expect(await kept(label), label).toEqual(await recount(label));
    // The history reached every kind of figure, so no comparison holds by being zero on both sides.
    const may = recounts.get('2026-05') ?? {};
    for (const key of ['ipsCreditCard', 'ipsInvoice', 'ipsProjectKey', 'revenueSelfServiceMinor'])
      expect(may[key], key).toBeGreaterThan(0);
    expect(new Set(months.map((m) => recounts.get(m)?.purchaseVersion))).toEqual(new Set([1, 2]));
    // The months before the first period were kept too, as empty months without purchase figures.
    expect(await kept('2025-11')).toMatchObject({ ipsInternal: 0, revenueMinor: 0, purchaseMinor: null });
  });

  it('are what the dashboard and its development chart show for a closed month', async () => {
    portal.clock.set('2026-06-10T09:00:00Z');
    admin = await signIn(portal, 'admin@provider.test');
    // A closed month is read from the aggregates, not counted again: a changed row shows.
    await portal.connection.db.execute(
      sql`update monthly_figures set revenue_minor = revenue_minor + 1 where month = '2026-03'`,
    );
    const history = await get('/api/dashboard/history?months=12');
    expect(history.statusCode, history.body).toBe(200);
    const body = history.json();
    expect(body.months.map((m: { month: string }) => m.month)).toEqual([
      ...['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12'],
      ...months,
      '2026-06',
    ]);
    for (const label of months) {
      const f = recounts.get(label) ?? {};
      const revenue = (f.revenueMinor ?? 0) + (label === '2026-03' ? 1 : 0);
      const expected = {
        month: label,
        current: false,
        ips: {
          total: (f.ipsInternal ?? 0) + (f.ipsExternal ?? 0),
          internal: f.ipsInternal,
          external: f.ipsExternal,
        },
        revenueMinor: revenue,
        purchaseMinor: f.purchaseMinor,
        marginMinor: f.purchaseMinor === null ? null : revenue - (f.purchaseMinor ?? 0),
      };
      expect(body.months.find((m: { month: string }) => m.month === label)).toEqual(expected);
      const month = (await get(`/api/dashboard?month=${label}`)).json();
      expect(month.revenue.monthlyRecurringMinor).toBe(revenue);
      expect(month.ips).toEqual({
        ...expected.ips,
        byPaymentMethod: { creditCard: f.ipsCreditCard, invoice: f.ipsInvoice, projectKey: f.ipsProjectKey },
      });
      expect(month.purchase?.totalMinor ?? null).toBe(f.purchaseMinor);
      expect(month.purchase?.version ?? null).toBe(f.purchaseVersion);
    }
    // The current month is counted now (from the totals the triggers keep): the periods running at this moment.
    const now = portal.clock.now();
    const f = (await recountAt(now, now)) ?? {};
    const live = (await get('/api/dashboard')).json();
    expect(live.ips).toEqual({
      total: (f.ipsInternal ?? 0) + (f.ipsExternal ?? 0),
      internal: f.ipsInternal,
      external: f.ipsExternal,
      byPaymentMethod: { creditCard: f.ipsCreditCard, invoice: f.ipsInvoice, projectKey: f.ipsProjectKey },
    });
    expect(live.revenue).toMatchObject({
      monthlyRecurringMinor: f.revenueMinor,
      selfServiceMinor: f.revenueSelfServiceMinor,
      managedMinor: f.revenueManagedMinor,
    });
    expect(live.purchase).toMatchObject({ version: f.purchaseVersion, totalMinor: f.purchaseMinor });
    expect(f.ipsProjectKey).toBeGreaterThan(0);
    expect(body.months.at(-1)).toMatchObject({
      month: '2026-06',
      current: true,
      ips: { total: live.ips.total },
      revenueMinor: live.revenue.monthlyRecurringMinor,
      purchaseMinor: live.purchase.totalMinor,
    });
    expect((await get('/api/dashboard/history')).json().months).toHaveLength(6);
  });

  it('are counted again by a rebuild, which replaces what is kept', async () => {
    const { months: rebuilt } = await portal.services.monthlyFigures.rebuild();
    expect(rebuilt).toEqual(months);
    for (const label of months) expect(await kept(label), label).toEqual(await recount(label));
    // A month before the first period is no longer kept: it has no figures to keep.
    expect(await kept('2025-11')).toBeNull();
  });

  it('refuses another range than 6 or 12 months, naming `months`', async () => {
    for (const months of ['3', '24', 'all', '']) {
      const res = await get(`/api/dashboard/history?months=${months}`);
      expect(res.statusCode, months).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'months' });
    }
  });

  it('are for admins only', async () => {
    expect((await get('/api/dashboard/history', '')).statusCode).toBe(401);
    await put('/api/settings/mail', { transport: 'log', fromAddress: 'portal@provider.test' });
    const { cookie } = await invitedCustomer(portal, admin, {
      companyName: 'Curious GmbH',
      contactEmail: 'main@curious.test',
    });
    const res = await get('/api/dashboard/history?months=12', cookie);
    expect(res.statusCode).toBe(403);
  });
});
