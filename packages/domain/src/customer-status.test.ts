import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerActions, customerStatus } from './customer-status.ts';

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
