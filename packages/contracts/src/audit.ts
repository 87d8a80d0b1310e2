import { z } from 'zod';
import { Id, IsoInstant, pageOf } from './common.ts';
import type { ValidationRule } from './errors.ts';

/**
 * Every action the portal writes to the audit log. The one list the server filters by and the web app
 * has a sentence for in each language; a server test fails on an action written anywhere that is not here.
 */
export const AUDIT_ACTIONS = [
  'admin.created-from-cli',
  'admin.first-admin-created',
  'admin.invitation-accepted',
  'admin.invited',
  'admin.removed',
  'audit-log.exported',
  'billing-data.downloaded',
  'company-settings.changed',
  'credit-note.issued',
  'customer.address-changed',
  'customer.converted-to-managed',
  'customer.created',
  'customer.deleted',
  'customer.deletion-undone',
  'customer.email-verified',
  'customer.invitation-resent',
  'customer.locked',
  'customer.main-user-changed',
  'customer.marked-for-deletion',
  'customer.purged',
  'customer.registered',
  'customer.signed-up',
  'customer.unlocked',
  'customers.exported',
  'invoice-run.not-configured',
  'invoice.credit-note-issued',
  'invoice.issued',
  'invoice.mailed',
  'invoice.overdue',
  'invoice.paid',
  'invoice.refused',
  'invoice.rendered',
  'invoices.exported',
  'mail-settings.changed',
  'mail.retried',
  'mail.test-sent',
  'notification-settings.changed',
  'payment-method.activated',
  'payment-method.deactivated',
  'payment.failed',
  'payment.succeeded',
  'price-table.saved',
  'project-key-signer.added',
  'project-key-signer.removed',
  'project-key.redeemed',
  'purchase-price-table.saved',
  'self-service-settings.changed',
  'session.signed-in',
  'stripe-settings.changed',
  'stripe.sync-refused',
  'subscription.cancelled',
  'subscription.card-checkout-started',
  'subscription.change-applied',
  'subscription.downgrade',
  'subscription.redistribution',
  'subscription.repriced',
  'subscription.start',
  'subscription.term-ended',
  'subscription.upgrade',
  'team.invitation-resent',
  'team.invitation-withdrawn',
  'team.member-disabled',
  'team.member-enabled',
  'team.member-invited',
  'team.member-joined',
  'team.member-removed',
  'user.password-reset',
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: IsoInstant,
  actorId: Id.nullable(),
  actorEmail: z.string().nullable(),
  /** One of AUDIT_ACTIONS; typed as text so that an entry of a newer portal version still reads. */
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  /**
   * What a person calls the object: a customer's company name, a user's e-mail, an invoice's number, a mail's
   * recipient, a signer's label; null where the object has none or it is no longer known (a purged customer).
   */
  objectName: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** A day of the billing calendar, 'YYYY-MM-DD'. */
const Day = z.iso.date();

const auditFilterShape = {
  action: AuditAction.optional(),
  /** Entries about the customer, its invoices and its users' sign-ins and password resets. */
  customerId: Id.optional(),
  /** Entries by this admin (or user). */
  actorId: Id.optional(),
  /** First and last day, both included, in the billing time zone. */
  from: Day.optional(),
  to: Day.optional(),
  objectType: z.string().max(64).optional(),
  objectId: z.string().max(128).optional(),
};

const fromNotAfterTo = (f: { from?: string | undefined; to?: string | undefined }) =>
  !f.from || !f.to || f.from <= f.to;
const rangeMessage = {
  message: 'The first day must not be after the last.',
  path: ['to'],
  params: { rule: 'date-range-reversed' satisfies ValidationRule },
};

export const AuditFilter = z.object(auditFilterShape).refine(fromNotAfterTo, rangeMessage);
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AuditQuery = z
  .object({
    ...auditFilterShape,
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine(fromNotAfterTo, rangeMessage);
export type AuditQuery = z.infer<typeof AuditQuery>;

/** The CSV of every entry the filter selects; `sep=semicolon` writes German Excel's dialect. */
export const AuditExportQuery = z
  .object({ ...auditFilterShape, sep: z.enum(['comma', 'semicolon']).default('comma') })
  .refine(fromNotAfterTo, rangeMessage);
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

/** Totals above 10,000 are not counted exactly: `totalIsLowerBound` says so ("10,000+"). */
export const AuditPage = pageOf(AuditEntry).extend({ totalIsLowerBound: z.boolean() });
export type AuditPage = z.infer<typeof AuditPage>;
