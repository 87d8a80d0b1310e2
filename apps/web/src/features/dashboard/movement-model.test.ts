import { describe, expect, it } from 'vitest';
import { monthDays, movementFilter } from './movement-model.ts';

describe('monthDays', () => {
  it('spans the billing month from its first to its last day', () => {
    expect(monthDays('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(monthDays('2026-04')).toEqual({ from: '2026-04-01', to: '2026-04-30' });
    expect(monthDays('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthDays('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
});

describe('movementFilter', () => {
  it('lists the month’s audit entries a movement is counted from', () => {
    expect(movementFilter('converted', '2026-11')).toEqual({
      action: 'customer.converted-to-managed',
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(movementFilter('cancelled', '2026-11')?.action).toBe('subscription.cancelled');
    expect(movementFilter('deleted', '2026-11')?.action).toBe('customer.purged');
  });

  it('has no list for new customers: they are counted from two actions, the Audit Log filters by one', () => {
    expect(movementFilter('new', '2026-11')).toBeNull();
  });
});
