/**
 * The status of a customer as the Billing page shows it, derived from the facts that make it:
 * locked wins over deleting, deleting over the rest; then invited until the main user has registered,
 * then active while a subscription runs, else inactive.
 */
export type CustomerStatus = 'invited' | 'active' | 'inactive' | 'locked' | 'deleting';
export type ServiceMode = 'managed' | 'self-service';

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
