import type { AuditAction } from '@vmsp/contracts';
import type { ActionText } from './audit-action-texts.ts';

/** The audit actions in English (see audit-action-texts.ts). */
export const en: Record<AuditAction, ActionText> = {
  'admin.created-from-cli': {
    label: 'Administrator created from the command line',
    sentence: '{{actor}} created the administrator {{object}} from the command line',
  },
  'admin.first-admin-created': {
    label: 'First administrator set up',
    sentence: '{{actor}} set up the portal as its first administrator',
  },
  'admin.invitation-accepted': {
    label: 'Administrator invitation accepted',
    sentence: '{{actor}} accepted the invitation as administrator',
  },
  'admin.invited': {
    label: 'Administrator invited',
    sentence: '{{actor}} invited {{object}} as administrator',
  },
  'admin.removed': {
    label: 'Administrator removed',
    sentence: '{{actor}} removed the administrator {{object}}',
  },
  'audit-log.exported': { label: 'Audit log exported', sentence: '{{actor}} exported the audit log' },
  'billing-data.downloaded': {
    label: 'Billing data downloaded',
    sentence: '{{actor}} downloaded the billing data of {{object}}',
  },
  'company-settings.changed': {
    label: 'Company data changed',
    sentence: '{{actor}} changed the company data',
  },
  'credit-note.issued': {
    label: 'Credit note issued',
    sentence: '{{actor}} issued the credit note {{object}}',
  },
  'customer.address-changed': {
    label: 'Customer address changed',
    sentence: '{{actor}} changed the address of {{object}}',
  },
  'customer.converted-to-managed': {
    label: 'Customer converted to managed',
    sentence: '{{actor}} converted {{object}} to a managed customer',
  },
  'customer.created': { label: 'Customer created', sentence: '{{actor}} created the customer {{object}}' },
  'customer.deleted': { label: 'Customer deleted', sentence: '{{actor}} deleted the customer {{object}}' },
  'customer.deletion-undone': {
    label: 'Customer deletion undone',
    sentence: '{{actor}} undid the deletion of {{object}}',
  },
  'customer.email-verified': {
    label: 'Customer e-mail address confirmed',
    sentence: '{{actor}} confirmed the e-mail address for {{object}}',
  },
  'customer.invitation-resent': {
    label: 'Customer invitation resent',
    sentence: '{{actor}} sent the invitation of {{object}} again',
  },
  'customer.locked': { label: 'Customer locked', sentence: '{{actor}} locked {{object}}' },
  'customer.main-user-changed': {
    label: 'Main user changed',
    sentence: '{{actor}} changed the main user of {{object}}',
  },
  'customer.marked-for-deletion': {
    label: 'Customer marked for deletion',
    sentence: '{{actor}} marked {{object}} for deletion',
  },
  'customer.purged': { label: 'Customer purged', sentence: '{{actor}} purged the data of {{object}}' },
  'customer.registered': { label: 'Customer registered', sentence: '{{actor}} registered for {{object}}' },
  'customer.signed-up': { label: 'Customer signed up', sentence: '{{actor}} signed up {{object}}' },
  'customer.unlocked': { label: 'Customer unlocked', sentence: '{{actor}} unlocked {{object}}' },
  'customers.exported': { label: 'Customer list exported', sentence: '{{actor}} exported the customer list' },
  'invoice-run.not-configured': {
    label: 'Invoicing skipped',
    sentence: '{{actor}} issued no invoices for {{object}}: the company data is incomplete',
  },
  'invoice.credit-note-issued': {
    label: 'Invoice credited',
    sentence: '{{actor}} credited the invoice {{object}} with the credit note {{creditNoteNumber}}',
  },
  'invoice.issued': { label: 'Invoice issued', sentence: '{{actor}} issued the invoice {{object}}' },
  'invoice.mailed': {
    label: 'Invoice mailed',
    sentence: '{{actor}} mailed the invoice {{object}} to {{detail}}',
  },
  'invoice.overdue': {
    label: 'Invoice overdue',
    sentence: '{{actor}} marked the invoice {{object}} as overdue',
  },
  'invoice.paid': { label: 'Invoice paid', sentence: '{{actor}} marked the invoice {{object}} as paid' },
  'invoice.refused': {
    label: 'Invoice not issued',
    sentence: '{{actor}} issued no invoice to {{object}} for {{billingMonth}}',
  },
  'invoice.rendered': {
    label: 'Invoice documents created',
    sentence: '{{actor}} created the documents of the invoice {{object}}',
  },
  'invoices.exported': {
    label: 'Invoices exported',
    sentence: '{{actor}} exported the invoices of {{month}}',
  },
  'mail-settings.changed': {
    label: 'Mail server changed',
    sentence: '{{actor}} changed the mail server settings',
  },
  'mail.retried': { label: 'Mail retried', sentence: '{{actor}} queued the mail to {{object}} again' },
  'mail.test-sent': { label: 'Test mail sent', sentence: '{{actor}} sent a test mail to {{object}}' },
  'notification-settings.changed': {
    label: 'Notification address changed',
    sentence: '{{actor}} changed the notification address',
  },
  'payment-method.activated': {
    label: 'Payment method activated',
    sentence: '{{actor}} activated the payment method {{object}}',
  },
  'payment-method.deactivated': {
    label: 'Payment method deactivated',
    sentence: '{{actor}} deactivated the payment method {{object}}',
  },
  'payment.failed': {
    label: 'Card payment failed',
    sentence: '{{actor}} recorded a failed card payment of {{object}}',
  },
  'payment.succeeded': {
    label: 'Card payment received',
    sentence: '{{actor}} recorded a card payment of {{object}}',
  },
  'price-table.saved': {
    label: 'Price table saved',
    sentence: '{{actor}} saved version {{object}} of the price table',
  },
  'project-key-signer.added': {
    label: 'Project key signer added',
    sentence: '{{actor}} added the project key signer {{object}}',
  },
  'project-key-signer.removed': {
    label: 'Project key signer removed',
    sentence: '{{actor}} removed the project key signer {{object}}',
  },
  'project-key.redeemed': {
    label: 'Project key redeemed',
    sentence: '{{actor}} redeemed a project key for {{object}}',
  },
  'purchase-price-table.saved': {
    label: 'Purchase price table saved',
    sentence: '{{actor}} saved version {{object}} of the purchase price table',
  },
  'self-service-settings.changed': {
    label: 'Self-service settings changed',
    sentence: '{{actor}} changed the self-service settings',
  },
  'session.signed-in': { label: 'Signed in', sentence: '{{actor}} signed in' },
  'stripe-settings.changed': {
    label: 'Stripe settings changed',
    sentence: '{{actor}} changed the Stripe settings',
  },
  'stripe.sync-refused': {
    label: 'Change refused by Stripe',
    sentence: '{{actor}} could not pass the change of {{object}} on to Stripe: Stripe refused it',
  },
  'subscription.cancelled': {
    label: 'Subscription cancelled',
    sentence: '{{actor}} cancelled the subscription of {{object}}',
  },
  'subscription.card-checkout-started': {
    label: 'Card payment started',
    sentence: '{{actor}} started a card payment for {{object}}',
  },
  'subscription.change-applied': {
    label: 'Scheduled change applied',
    sentence: '{{actor}} applied the scheduled subscription change of {{object}}',
  },
  'subscription.downgrade': { label: 'IPs reduced', sentence: '{{actor}} reduced the IPs of {{object}}' },
  'subscription.redistribution': {
    label: 'IPs redistributed',
    sentence: '{{actor}} redistributed the IPs of {{object}}',
  },
  'subscription.repriced': {
    label: 'Moved to a new price table',
    sentence: '{{actor}} moved {{object}} to the new price table',
  },
  'subscription.start': {
    label: 'Subscription started',
    sentence: '{{actor}} started a subscription for {{object}}',
  },
  'subscription.term-ended': {
    label: 'Project key term ended',
    sentence: '{{actor}} ended the project key term of {{object}}',
  },
  'subscription.upgrade': { label: 'IPs increased', sentence: '{{actor}} increased the IPs of {{object}}' },
  'team.invitation-resent': {
    label: 'Team invitation resent',
    sentence: '{{actor}} sent the invitation of {{email}} to the team of {{object}} again',
  },
  'team.invitation-withdrawn': {
    label: 'Team invitation withdrawn',
    sentence: '{{actor}} withdrew the invitation of {{email}} to the team of {{object}}',
  },
  'team.member-disabled': {
    label: 'Team member disabled',
    sentence: '{{actor}} disabled {{email}} in the team of {{object}}',
  },
  'team.member-enabled': {
    label: 'Team member enabled',
    sentence: '{{actor}} enabled {{email}} in the team of {{object}}',
  },
  'team.member-invited': {
    label: 'Team member invited',
    sentence: '{{actor}} invited {{email}} to the team of {{object}}',
  },
  'team.member-joined': { label: 'Team member joined', sentence: '{{actor}} joined the team of {{object}}' },
  'team.member-removed': {
    label: 'Team member removed',
    sentence: '{{actor}} removed {{email}} from the team of {{object}}',
  },
  'user.password-reset': {
    label: 'Password reset',
    sentence: '{{actor}} reset the password of {{object}}',
  },
};
