import type { AuditAction, DashboardResponse } from '@vmsp/contracts';

export type Movement = keyof DashboardResponse['movements'];
export const MOVEMENTS: readonly Movement[] = ['new', 'converted', 'cancelled', 'deleted'];

/**
 * The audited action each movement is counted from (the server counts the month's entries of it, once per
 * customer). `new` is counted from two actions (created by an admin, signed up), and the Audit Log filters by
 * one: no list shows exactly what it counts, so it has no link.
 */
const ACTIONS: Partial<Record<Movement, AuditAction>> = {
  converted: 'customer.converted-to-managed',
  cancelled: 'subscription.cancelled',
  deleted: 'customer.purged',
};

/** The first and the last day of a billing month (`YYYY-MM`), as the Audit Log's day filter takes them. */
export function monthDays(month: string): { from: string; to: string } {
  const [year = 0, monthNumber = 1] = month.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(lastDay).padStart(2, '0')}` };
}

/** The Audit Log's filter that lists the entries a movement of `month` counts; null where none does. */
export function movementFilter(
  movement: Movement,
  month: string,
): { action: AuditAction; from: string; to: string } | null {
  const action = ACTIONS[movement];
  return action ? { action, ...monthDays(month) } : null;
}
