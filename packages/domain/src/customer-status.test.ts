import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  billingListColumns,
  customerActions,
  customerStatus,
  type RunningSubscription,
  statusOfRow,
} from './customer-status.ts';

describe('customerStatus', () => {
  const base = { locked: false, deleting: false, registered: true, hasActiveSubscription: false };
  it.each([
    [{}, 'inactive'],
    [{ hasActiveSubscription: true }, 'active'],
    [{ registered: false }, 'invited'],
    [{ deleting: true, hasActiveSubscription: true }, 'deleting'],
    [{ locked: true, deleting: true }, 'locked'],
    [{ locked: true, registered: false }, 'locked'],
  ] as const)('%o → %s', (facts, status) => {
    expect(customerStatus({ ...base, ...facts })).toBe(status);
  });

  it('is locked whenever the account is locked', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), (deleting, registered, hasActiveSubscription) => {
        expect(customerStatus({ locked: true, deleting, registered, hasActiveSubscription })).toBe('locked');
      }),
    );
  });
});

describe('billingListColumns', () => {
  const row = { locked: false, deletionRequestedAt: null, registeredAt: new Date(0), currency: 'EUR' };
  const running: RunningSubscription = {
    ipsInternal: 120,
    ipsExternal: 80,
    paymentMethod: 'invoice',
    monthlyPriceMinor: 30000,
    currency: 'CHF',
  };

  it('shows the running period, active', () => {
    expect(billingListColumns(row, running)).toEqual({ ...running, status: 'active' });
  });

  it('shows 0/0, Free and no price without one, in the row currency, inactive', () => {
    expect(billingListColumns(row, null)).toEqual({
      ipsInternal: 0,
      ipsExternal: 0,
      paymentMethod: 'free',
      monthlyPriceMinor: null,
      currency: 'EUR',
      status: 'inactive',
    });
  });

  it('gives the status a later write of the row recomputes from the row alone', () => {
    const instant = fc.option(fc.date({ noInvalidDate: true }), { nil: null });
    const period = fc.option(
      fc.record({
        ipsInternal: fc.nat(500),
        ipsExternal: fc.nat(500),
        paymentMethod: fc.constantFrom('credit-card' as const, 'invoice' as const, 'project-key' as const),
        monthlyPriceMinor: fc.nat(),
        currency: fc.constantFrom('EUR', 'USD'),
      }),
      { nil: null },
    );
    fc.assert(
      fc.property(fc.boolean(), instant, instant, period, (locked, deletionRequestedAt, registeredAt, p) => {
        const facts = { locked, deletionRequestedAt, registeredAt, currency: 'EUR' };
        const columns = billingListColumns(facts, p);
        expect(statusOfRow({ ...facts, paymentMethod: columns.paymentMethod })).toBe(columns.status);
        if (!locked && !deletionRequestedAt && registeredAt) {
          expect(columns.status).toBe(p ? 'active' : 'inactive');
        }
      }),
    );
  });
});

describe('customerActions', () => {
  it('offers conversion only to self-service customers and address editing only to managed ones', () => {
    expect(customerActions({ serviceMode: 'self-service', status: 'active' })).toEqual([
      'convert-to-managed',
      'ip-distribution',
      'details',
      'change-main-user',
      'delete',
    ]);
    expect(customerActions({ serviceMode: 'managed', status: 'active' })).toEqual([
      'ip-distribution',
      'details',
      'add-project-key',
      'edit-address',
      'change-main-user',
      'delete',
    ]);
  });
  it('offers IP Distribution on every customer but one being deleted', () => {
    for (const status of ['invited', 'active', 'inactive', 'locked'] as const) {
      expect(customerActions({ serviceMode: 'managed', status })).toContain('ip-distribution');
    }
    expect(customerActions({ serviceMode: 'managed', status: 'deleting' })).toEqual(['details']);
  });
  it('offers resending the invitation only while invited', () => {
    expect(customerActions({ serviceMode: 'managed', status: 'invited' })).toContain('resend-invitation');
    expect(customerActions({ serviceMode: 'managed', status: 'inactive' })).not.toContain(
      'resend-invitation',
    );
  });
  it('offers only details while deleting', () => {
    expect(customerActions({ serviceMode: 'self-service', status: 'deleting' })).toEqual(['details']);
  });
});
