import type { DashboardResponse, OnboardingResponse } from '@vmsp/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from './db/connection.ts';
import { smtpTested } from './modules/mail/mail-settings.ts';
import { seedCustomers } from './seed.ts';
import { type DemoSeedResult, demoSeedObstacle, seedDemo } from './seed-demo.ts';
import { createTestPortal, signIn, type TestPortal } from './test/harness.ts';

describe('bulk seed', () => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await createTestPortal();
  });
  afterAll(() => portal.dispose());

  it('seeds customers whose list columns agree with their running subscriptions', async () => {
    await seedCustomers(portal, portal.connection.db, portal.clock, 300, () => {});
    const db = portal.connection.db;
    const [counts] = await queryRows<{ customers: number; running: number }>(
      db,
      sql`select (select count(*)::int from customers) as customers,
                 (select count(*)::int from subscriptions where ended_at is null) as running`,
    );
    expect(counts?.customers).toBe(300);
    expect(counts?.running).toBeGreaterThan(100);
    const mismatched = await queryRows(
      db,
      sql`select c.id from customers c
          left join subscriptions s on s.customer_id = c.id and s.ended_at is null
          where c.ips_internal <> coalesce(s.ips_internal, 0)
             or c.ips_external <> coalesce(s.ips_external, 0)
             or c.payment_method <> coalesce(s.payment_method, 'free')
             or c.monthly_price_minor is distinct from s.monthly_price_minor
             or (c.status = 'active') <> (s.id is not null and not c.locked and c.registered_at is not null)`,
    );
    expect(mismatched).toEqual([]);
  });
});

describe('demo seed', () => {
  // Mid-May: the demo's history runs from November to April, May is in progress; April's invoices are due
  // on 15 May, so they can be overdue too.
  const now = new Date('2026-05-20T10:00:00Z');
  let portal: TestPortal;
  let demo: DemoSeedResult;
  beforeAll(async () => {
    portal = await createTestPortal();
    demo = await seedDemo(portal, portal.connection.db, {
      clock: portal.clock,
      now,
      timeZone: portal.config.billingTimeZone,
      log: () => {},
    });
  }, 300_000);
  afterAll(() => portal.dispose());
  const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(portal.connection.db, query);

  it('creates customers in every status and mode over six months, and leaves the clock at now', async () => {
    expect(portal.clock.now()).toEqual(now);
    expect(demo.months).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
    ]);
    const created = await rows<{ month: string; n: number }>(
      sql`select to_char(created_at at time zone 'Europe/Berlin', 'YYYY-MM') as month, count(*)::int as n
          from customers group by 1 order by 1`,
    );
    expect(created.map((c) => c.month)).toEqual(demo.months);
    // Invitations never taken up are deleted again.
    expect(demo.deleted).toBeGreaterThan(0);
    expect(created.reduce((n, c) => n + c.n, 0)).toBe(36 - demo.deleted);
    const [facts] = await rows<{ statuses: string[]; modes: string[]; pending: number }>(
      sql`select array_agg(distinct status order by status) as statuses,
                 array_agg(distinct service_mode order by service_mode) as modes,
                 (select count(*)::int from pending_subscription_changes) as pending
          from customers`,
    );
    expect(facts?.statuses).toEqual(['active', 'inactive', 'invited', 'locked']);
    expect(facts?.modes).toEqual(['managed', 'self-service']);
    expect(facts?.pending).toBeGreaterThan(0);
    // Upgrades, downgrades applied at month ends, a cancellation and a conversion, each audited when it happened.
    const actions = await rows<{ action: string }>(
      sql`select distinct action from audit_log where at < ${now.toISOString()}::timestamptz`,
    );
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'subscription.upgrade',
        'subscription.downgrade',
        'subscription.cancelled',
        'customer.converted-to-managed',
        'customer.deleted',
        'invoice.paid',
        'invoice.overdue',
      ]),
    );
  });

  it('invoices each of the six past months, most paid, a few overdue, with credit notes', async () => {
    const months = await rows<{ month: string; issued: number; paid: number; overdue: number }>(
      sql`select billing_month as month, count(*)::int as issued,
                 (count(*) filter (where status = 'paid'))::int as paid,
                 (count(*) filter (where status = 'overdue'))::int as overdue
          from invoices where kind = 'invoice' group by 1 order by 1`,
    );
    expect(months.map((m) => m.month)).toEqual(demo.months.slice(0, 6));
    // The last month's invoices are not due yet: half of them are paid so far.
    for (const m of months.slice(0, -1)) expect(m.paid, m.month).toBeGreaterThan(m.issued / 2);
    expect(months.at(-1)?.paid).toBeGreaterThan(0);
    expect(months.reduce((n, m) => n + m.overdue, 0)).toBeGreaterThan(0);
    const [credit] = await rows<{ notes: number; cancelled: number }>(
      sql`select (count(*) filter (where kind = 'credit-note'))::int as notes,
                 (count(*) filter (where status = 'cancelled'))::int as cancelled from invoices`,
    );
    expect(credit?.notes).toBe(demo.creditNotes);
    expect(credit?.notes).toBeGreaterThanOrEqual(3);
    expect(credit?.cancelled).toBeGreaterThan(0);
    expect(demo.invoices).toBe(months.reduce((n, m) => n + m.issued, 0));
  });

  it('shows non-zero figures on the dashboard for the month in progress and a past one', async () => {
    if (!demo.admin) throw new Error('the demo made no administrator');
    const cookie = await signIn(portal, demo.admin.email, demo.admin.password);
    const figures = async (month?: string) => {
      const res = await portal.app.inject({
        url: `/api/dashboard${month ? `?month=${month}` : ''}`,
        headers: { cookie },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as DashboardResponse;
    };
    const current = await figures();
    expect(current.month).toBe('2026-05');
    expect(current.ips.total).toBeGreaterThan(0);
    expect(current.revenue.monthlyRecurringMinor).toBeGreaterThan(0);
    expect(current.purchase?.marginMinor).toBeGreaterThan(0);
    expect(current.scheduledChanges.count).toBeGreaterThan(0);
    const past = await figures('2026-03');
    expect(past.ips.total).toBeGreaterThan(0);
    expect(past.revenue.monthlyRecurringMinor).toBeGreaterThan(0);
    expect(past.purchase?.totalMinor).toBeGreaterThan(0);
    expect(past.invoices.issued.count).toBeGreaterThan(0);
    expect(past.invoices.paid.count).toBeGreaterThan(0);
    expect(past.invoices.overdue.count).toBeGreaterThan(0);
  });

  it('shows the Dashboard of a portal in use: the payment methods chosen, the first-steps checklist done', async () => {
    if (!demo.admin) throw new Error('the demo made no administrator');
    const cookie = await signIn(portal, demo.admin.email, demo.admin.password);
    const methods = await portal.app.inject({ url: '/api/payment-methods', headers: { cookie } });
    expect(methods.statusCode, methods.body).toBe(200);
    expect(
      (methods.json() as { methods: { method: string; active: boolean }[] }).methods.filter((m) => m.active),
    ).toEqual([
      expect.objectContaining({ method: 'invoice' }),
      expect.objectContaining({ method: 'project-key' }),
    ]);
    const db = portal.connection.db;
    expect(await portal.services.paymentMethods.chosen(db)).toBe(true);
    // The mail goes to the Mail Log: no test mail was delivered, so that step is not ticked by its data ...
    expect(await smtpTested(db)).toBe(false);
    // ... and the install is recorded as set up, so the Dashboard shows no checklist.
    const onboarding = await portal.app.inject({ url: '/api/onboarding', headers: { cookie } });
    expect(onboarding.statusCode, onboarding.body).toBe(200);
    const status = onboarding.json() as OnboardingResponse;
    expect(status.complete).toBe(true);
    expect(status.steps.every((step) => step.done)).toBe(true);
  });

  it('lets the demo customer user sign in, and refuses to seed the demo a second time', async () => {
    await signIn(portal, demo.customerUser.email, demo.customerUser.password);
    expect(await demoSeedObstacle(portal.connection.db)).toMatch(
      /^The demo seed fills an empty portal .* holds \d+ customers, a price table, \d+ invoices already/,
    );
  });
});
