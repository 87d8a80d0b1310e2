import type { InvoiceListItem, PortalSubscription, PriceVersion, SubscriptionPeriod } from '@vmsp/contracts';
import { describe, expect, it } from 'vitest';
import {
  latestInvoices,
  latestStripeInvoices,
  nextSteps,
  subscriptionGlance,
  teamCounts,
} from './overview-model.ts';

const table: PriceVersion = {
  version: 2,
  currency: 'EUR',
  ranges: [
    { from: 1, to: 50, articleName: 'Scan S', articleNumber: 'S-50', unitPriceMinor: 200 },
    { from: 51, to: 250, articleName: 'Scan M', articleNumber: 'M-250', unitPriceMinor: 150 },
    { from: 251, to: 500, articleName: 'Scan L', articleNumber: 'L-500', unitPriceMinor: 100 },
  ],
  createdAt: '2026-01-01T10:00:00.000Z',
  createdBy: 'admin@example.test',
  runningFrom: '2026-01-31T23:00:00.000Z',
};

function period(internal: number, external: number, priceVersion: number | null): SubscriptionPeriod {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    ipsInternal: internal,
    ipsExternal: external,
    paymentMethod: 'invoice',
    monthlyPrice: { amountMinor: 31_000, currency: 'EUR' },
    priceVersion,
    startedAt: '2026-02-01T10:00:00.000Z',
    endedAt: null,
    termEndsAt: null,
  };
}

function subscription(current: SubscriptionPeriod | null, priceTable: PriceVersion | null = table) {
  return {
    serviceMode: 'self-service',
    editable: true,
    version: 4,
    subscriptions: { current, pending: null, past: [] },
    priceTable,
    paymentMethods: [],
    cardBilling: null,
  } satisfies PortalSubscription;
}

describe('subscriptionGlance', () => {
  it('counts the IPs and names each article the IPs reach, by the price version the period runs on', () => {
    const { running } = subscriptionGlance(subscription(period(120, 80, 2)));
    expect(running).toEqual({
      internal: 120,
      external: 80,
      total: 200,
      monthlyPrice: { amountMinor: 31_000, currency: 'EUR' },
      articles: [
        { name: 'Scan S', number: 'S-50' },
        { name: 'Scan M', number: 'M-250' },
      ],
    });
  });

  it('names no articles when the period runs on another price version or on a project key', () => {
    expect(subscriptionGlance(subscription(period(10, 0, 1))).running?.articles).toEqual([]);
    expect(subscriptionGlance(subscription(period(10, 0, null))).running?.articles).toEqual([]);
    expect(subscriptionGlance(subscription(period(10, 0, 2), null)).running?.articles).toEqual([]);
  });

  it('names no articles when the IPs lie beyond the table, rather than failing', () => {
    expect(subscriptionGlance(subscription(period(501, 0, 2))).running?.articles).toEqual([]);
  });

  it('has no running subscription before one starts, and keeps a scheduled start', () => {
    const pending = {
      kind: 'start',
      ipsInternal: 5,
      ipsExternal: 0,
      monthlyPrice: { amountMinor: 1000, currency: 'EUR' },
      effectiveAt: '2026-03-01T00:00:00.000Z',
      createdAt: '2026-02-10T00:00:00.000Z',
    } as const;
    const withPending = { ...subscription(null), subscriptions: { current: null, pending, past: [] } };
    expect(subscriptionGlance(withPending)).toEqual({ running: null, pending });
  });
});

function invoice(number: string, issueDate: string): InvoiceListItem {
  return {
    id: `00000000-0000-4000-8000-${number.replace(/\D/g, '').padStart(12, '0')}`,
    number,
    kind: 'invoice',
    customerId: null,
    customerName: 'Orbit',
    billingMonth: issueDate.slice(0, 7),
    issueDate,
    dueDate: issueDate,
    currency: 'EUR',
    netMinor: 100,
    vatMinor: 19,
    grossMinor: 119,
    vatCategory: 'S',
    status: 'issued',
    paidOn: null,
    creditedInvoiceNumber: null,
    documentsReady: true,
  };
}

describe('latestInvoices', () => {
  it('keeps the newest three by issue date, then by number, whatever order they come in', () => {
    const invoices = [
      invoice('RE-1', '2026-01-01'),
      invoice('RE-4', '2026-03-01'),
      invoice('RE-2', '2026-02-01'),
      invoice('RE-5', '2026-03-01'),
      invoice('RE-3', '2026-02-01'),
    ];
    expect(latestInvoices(invoices).map((i) => i.number)).toEqual(['RE-5', 'RE-4', 'RE-3']);
    expect(invoices[0]?.number).toBe('RE-1');
  });

  it('gives fewer when there are fewer', () => {
    expect(latestInvoices([invoice('RE-1', '2026-01-01')])).toHaveLength(1);
    expect(latestInvoices([])).toEqual([]);
  });
});

describe('latestStripeInvoices', () => {
  it('keeps the newest three by creation time, across time zone offsets', () => {
    const at = (id: string, createdAt: string) => ({
      id,
      number: null,
      status: 'paid' as const,
      currency: 'EUR',
      totalMinor: 100,
      amountPaidMinor: 100,
      hostedInvoiceUrl: null,
      createdAt,
    });
    const newest = latestStripeInvoices([
      at('a', '2026-01-01T10:00:00.000Z'),
      at('b', '2026-03-01T00:30:00+01:00'),
      at('c', '2026-02-28T23:45:00.000Z'),
      at('d', '2026-02-01T10:00:00.000Z'),
    ]);
    expect(newest.map((i) => i.id)).toEqual(['c', 'b', 'd']);
  });
});

describe('teamCounts', () => {
  it('counts active members and open invitations, not disabled users', () => {
    expect(
      teamCounts([{ status: 'active' }, { status: 'active' }, { status: 'invited' }, { status: 'disabled' }]),
    ).toEqual({ active: 2, invited: 1 });
  });
});

describe('nextSteps', () => {
  it('offers the main user of a self-service customer every step', () => {
    expect(nextSteps({ subscriptionEditable: true, canManageTeam: true })).toEqual([
      'change-subscription',
      'invite-member',
      'see-invoices',
    ]);
  });

  it('offers another user no team invitation, and a managed customer no subscription change', () => {
    expect(nextSteps({ subscriptionEditable: true, canManageTeam: false })).toEqual([
      'change-subscription',
      'see-invoices',
    ]);
    expect(nextSteps({ subscriptionEditable: false, canManageTeam: false })).toEqual(['see-invoices']);
  });
});
