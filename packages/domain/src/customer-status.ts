/**
 * The status of a customer as the Billing page shows it, derived from the facts that make it:
 * locked wins over deleting, deleting over the rest; then invited until the main user has registered,
 * then active while a subscription runs, else inactive.
 */
export type CustomerStatus = 'invited' | 'active' | 'inactive' | 'locked' | 'deleting';
export type ServiceMode = 'managed' | 'self-service';
export type ListPaymentMethod = 'credit-card' | 'invoice' | 'project-key' | 'free';

export interface CustomerFacts {
  locked: boolean;
  deleting: boolean;
  registered: boolean;
  hasActiveSubscription: boolean;
}

export function customerStatus(f: CustomerFacts): CustomerStatus {
  if (f.locked) return 'locked';
  if (f.deleting) return 'deleting';
  if (!f.registered) return 'invited';
  return f.hasActiveSubscription ? 'active' : 'inactive';
}

/**
 * What a customer's row shows of its subscription in the Billing list: the running period's IPs, method and
 * monthly price, or 0/0, Free and no price without one. The row's payment method is therefore the row's fact
 * "a subscription runs": Free exactly when none does.
 */
export interface ListSubscription {
  ipsInternal: number;
  ipsExternal: number;
  paymentMethod: ListPaymentMethod;
  monthlyPriceMinor: number | null;
  currency: string;
}

/** The facts of a customer's row its status follows from. */
export interface CustomerRowFacts {
  locked: boolean;
  deletionRequestedAt: Date | null;
  registeredAt: Date | null;
  /** The subscription shown on the row: Free while none runs. */
  paymentMethod: ListPaymentMethod;
}

/** The status of a customer row: every write of the row, by whichever module, takes it from here. */
export function statusOfRow(row: CustomerRowFacts): CustomerStatus {
  return customerStatus({
    locked: row.locked,
    deleting: row.deletionRequestedAt !== null,
    registered: row.registeredAt !== null,
    hasActiveSubscription: row.paymentMethod !== 'free',
  });
}

/** A running subscription period, as far as the Billing list shows it. */
export interface RunningSubscription {
  ipsInternal: number;
  ipsExternal: number;
  paymentMethod: Exclude<ListPaymentMethod, 'free'>;
  monthlyPriceMinor: number;
  currency: string;
}

/**
 * The Billing list's subscription columns and status of a customer row, given its running period (or null).
 * Without one the row keeps its currency, so that a Free customer still shows prices in the provider's.
 */
export function billingListColumns(
  row: Omit<CustomerRowFacts, 'paymentMethod'> & { currency: string },
  running: RunningSubscription | null,
): ListSubscription & { status: CustomerStatus } {
  const shown: ListSubscription = running
    ? {
        ipsInternal: running.ipsInternal,
        ipsExternal: running.ipsExternal,
        paymentMethod: running.paymentMethod,
        monthlyPriceMinor: running.monthlyPriceMinor,
        currency: running.currency,
      }
    : {
        ipsInternal: 0,
        ipsExternal: 0,
        paymentMethod: 'free',
        monthlyPriceMinor: null,
        currency: row.currency,
      };
  return { ...shown, status: statusOfRow({ ...row, paymentMethod: shown.paymentMethod }) };
}

/** The row actions the portal offers today. Later features add theirs here. */
export type CustomerAction =
  | 'convert-to-managed'
  | 'ip-distribution'
  | 'resend-invitation'
  | 'details'
  | 'add-project-key'
  | 'edit-address'
  | 'change-main-user'
  | 'delete';

/** Which actions apply to a customer; the API refuses the others with ACTION_NOT_APPLICABLE. */
export function customerActions(c: { serviceMode: ServiceMode; status: CustomerStatus }): CustomerAction[] {
  const actions: CustomerAction[] = [];
  if (c.status === 'deleting') return ['details'];
  if (c.serviceMode === 'self-service') actions.push('convert-to-managed');
  // Admins set the IPs of every customer, also before the contact has registered.
  actions.push('ip-distribution');
  if (c.status === 'invited') actions.push('resend-invitation');
  actions.push('details');
  if (c.serviceMode === 'managed') actions.push('add-project-key', 'edit-address');
  // Only a registered customer has users to choose a new main user from.
  if (c.status !== 'invited') actions.push('change-main-user');
  actions.push('delete');
  return actions;
}
