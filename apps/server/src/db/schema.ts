import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Everyone who can sign in: the provider's admins and (later) customers' users. E-mail addresses are
 * unique among all users, case-insensitively: they are stored lower-cased and the unique index is on lower().
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    /** Null until the user has chosen a password (an open invitation). */
    passwordHash: text('password_hash'),
    role: text('role', { enum: ['admin', 'customer'] }).notNull(),
    status: text('status', { enum: ['invited', 'active', 'disabled'] }).notNull(),
    locale: text('locale', { enum: ['en', 'de'] })
      .notNull()
      .default('en'),
    /** The customer a customer user belongs to; null for admins. */
    customerId: uuid('customer_id').references((): AnyPgColumn => customers.id, { onDelete: 'cascade' }),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
    index('users_role_idx').on(t.role),
    index('users_customer_idx').on(t.customerId),
  ],
);

/** Sessions are opaque random tokens; only their SHA-256 is stored, so a database leak reveals none. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: instant('created_at').notNull(),
    lastSeenAt: instant('last_seen_at').notNull(),
    /** Absolute expiry: the session ends then even if it is in use. */
    expiresAt: instant('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Single-use links: first-admin setup, invitations, password resets, e-mail verification. Only the
 * token's hash is stored; a link is used when used_at is set, dead when replaced (deleted) or expired.
 */
export const oneTimeTokens = pgTable(
  'one_time_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    purpose: text('purpose', {
      enum: [
        'first-admin',
        'admin-invite',
        'customer-invite',
        'email-verify',
        'password-reset',
        'team-invite',
      ],
    }).notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
  },
  (t) => [index('one_time_tokens_user_idx').on(t.userId, t.purpose)],
);

/**
 * Fixed-window counters for sign-in throttling, kept in the database so that every instance behind a
 * load balancer counts the same attempts.
 */
export const rateLimitBuckets = pgTable('rate_limit_buckets', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  resetAt: instant('reset_at').notNull(),
});

/**
 * Fixed-window counters of API requests (http/rate-limit.ts): one row per signed-in user or anonymous client
 * address, shared by every instance. The migration makes the table UNLOGGED: a counter is written on every
 * request, and without WAL that write costs a fraction; after a database crash the counters start at zero.
 */
export const requestCounts = pgTable('request_counts', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  resetAt: instant('reset_at').notNull(),
});

/** Portal-wide settings, one validated JSON document per key (e.g. 'mail'). Secrets inside are encrypted. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

/**
 * The mail outbox: every mail is written here in the same transaction as its cause and delivered by a
 * background job. The row is also the Mail Log.
 */
export const mails = pgTable(
  'mails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    template: text('template').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: ['queued', 'sent', 'failed'] }).notNull(),
    logOnly: boolean('log_only').notNull().default(false),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    sentAt: instant('sent_at'),
    /**
     * Files added when the mail is delivered, named by their source (e.g. an invoice's PDF) rather than
     * copied: the outbox stays small, and the attachment is the stored document itself.
     */
    attachments: jsonb('attachments')
      .$type<{ filename: string; contentType: string; source: { kind: string; id: string } }[]>()
      .notNull()
      .default([]),
  },
  (t) => [
    index('mails_created_idx').on(t.createdAt),
    index('mails_status_created_idx').on(t.status, t.createdAt),
  ],
);

/** Who did what to which object, when, with the object's state before and after. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: instant('at').notNull(),
    actorId: uuid('actor_id'),
    actorEmail: text('actor_email'),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_object_idx').on(t.objectType, t.objectId, t.at),
    // The dashboard counts a month's customer movements by action and time (dashboard.repository.ts).
    index('audit_log_action_idx').on(t.action, t.at),
    // The Audit Log's filter by admin, newest first (audit.repository.ts).
    index('audit_log_actor_idx').on(t.actorId, t.at),
  ],
);

/**
 * A customer of the provider. The list columns of the Billing page (status, IPs, payment method, prices) are
 * kept on the row by the services that change them, in the same transaction, so that listing, filtering and
 * sorting 100,000 customers needs no joins.
 */
export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyName: text('company_name').notNull(),
    street: text('street').notNull(),
    postalCode: text('postal_code').notNull(),
    city: text('city').notNull(),
    country: text('country').notNull(),
    vatId: text('vat_id'),
    /** A different billing address, or null to bill the company address. */
    billingAddress: jsonb('billing_address').$type<{
      street: string;
      postalCode: string;
      city: string;
      country: string;
    }>(),
    contactName: text('contact_name').notNull(),
    /** Where invoices are mailed; null mails them to the main user. */
    invoiceEmail: text('invoice_email'),
    /** The main user's e-mail, kept here for the list's search and sort. */
    contactEmail: text('contact_email').notNull(),
    mainUserId: uuid('main_user_id'),
    serviceMode: text('service_mode', { enum: ['managed', 'self-service'] }).notNull(),
    status: text('status', { enum: ['invited', 'active', 'inactive', 'locked', 'deleting'] }).notNull(),
    locked: boolean('locked').notNull().default(false),
    ipsInternal: integer('ips_internal').notNull().default(0),
    ipsExternal: integer('ips_external').notNull().default(0),
    paymentMethod: text('payment_method', { enum: ['credit-card', 'invoice', 'project-key', 'free'] })
      .notNull()
      .default('free'),
    /** Monthly price of the current subscription in minor units; null without a paid subscription. */
    monthlyPriceMinor: bigint('monthly_price_minor', { mode: 'number' }),
    currency: text('currency').notNull().default('EUR'),
    registeredAt: instant('registered_at'),
    /** When the last card payment failed, until a later one succeeds (shown on the row, details, portal). */
    paymentFailedAt: instant('payment_failed_at'),
    /** Marked for deletion: the purge runs at purge_at unless an admin undoes it before. */
    deletionRequestedAt: instant('deletion_requested_at'),
    purgeAt: instant('purge_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    /** Optimistic concurrency: every change bumps it; a change based on an older version is refused. */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('customers_company_name_idx').on(sql`lower(${t.companyName})`, t.id),
    index('customers_contact_email_idx').on(sql`lower(${t.contactEmail})`, t.id),
    index('customers_status_idx').on(t.status, sql`lower(${t.companyName})`, t.id),
    index('customers_service_mode_idx').on(t.serviceMode, sql`lower(${t.companyName})`, t.id),
    index('customers_payment_method_idx').on(t.paymentMethod, sql`lower(${t.companyName})`, t.id),
    index('customers_ips_internal_idx').on(t.ipsInternal, t.id),
    index('customers_ips_external_idx').on(t.ipsExternal, t.id),
    index('customers_created_idx').on(t.createdAt, t.id),
  ],
);

/**
 * How many customers have each combination of the filterable facets, kept exact by statement-level triggers
 * on customers (migration 0002). The Billing page's total for any facet filter is a sum over at most 40
 * rows here instead of a count over every customer.
 */
export const customerCounts = pgTable(
  'customer_counts',
  {
    status: text('status').notNull(),
    serviceMode: text('service_mode').notNull(),
    paymentMethod: text('payment_method').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.status, t.serviceMode, t.paymentMethod] })],
);

/**
 * The running subscriptions as the customers' rows mirror them, summed per service mode, payment method and IP
 * count: kept exact by statement-level triggers on customers (migration 0012), like customer_counts. The
 * Dashboard's current month reads these few thousand rows instead of every running period.
 */
export const runningTotals = pgTable(
  'running_totals',
  {
    serviceMode: text('service_mode').notNull(),
    paymentMethod: text('payment_method').notNull(),
    /** The customer's IPs, internal + external. */
    ips: integer('ips').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
    ipsInternal: bigint('ips_internal', { mode: 'number' }).notNull(),
    ipsExternal: bigint('ips_external', { mode: 'number' }).notNull(),
    monthlyMinor: bigint('monthly_minor', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.serviceMode, t.paymentMethod, t.ips] })],
);

/**
 * What the running project-key periods cost the provider per month (each key's purchase price / its months,
 * rounded half-up), summed in one row kept exact by triggers on subscriptions and project_key_redemptions
 * (migration 0013): the Dashboard's current month reads it instead of every running key period.
 */
export const runningKeyPurchase = pgTable('running_key_purchase', {
  id: boolean('id').primaryKey().default(true),
  minor: bigint('minor', { mode: 'number' }).notNull(),
});

/**
 * Every saved price table. A version is never changed after it is saved: subscriptions keep pointing at
 * the version they are priced by. New changes use the newest version at once; running subscriptions move to a
 * version at `running_from`, the start of the billing month after it was saved (the month in progress keeps
 * its price).
 */
export const priceVersions = pgTable('price_versions', {
  version: integer('version').primaryKey(),
  currency: text('currency').notNull(),
  ranges: jsonb('ranges')
    .$type<
      { from: number; to: number; articleName: string; articleNumber: string; unitPriceMinor: number }[]
    >()
    .notNull(),
  createdAt: instant('created_at').notNull(),
  createdBy: text('created_by'),
  runningFrom: instant('running_from').notNull(),
});

/**
 * The purchase price table: what the provider pays its upstream MSP per IP and month, graduated like the sales
 * table and versioned the same way (a save adds the next version). The dashboard prices the provider's IPs
 * with the version running at an instant; a project key's periods carry their own purchase price instead
 * (`project_key_redemptions.purchase_price_minor`).
 */
export const purchasePriceVersions = pgTable('purchase_price_versions', {
  version: integer('version').primaryKey(),
  currency: text('currency').notNull(),
  ranges: jsonb('ranges')
    .$type<
      { from: number; to: number; articleName: string; articleNumber: string; unitPriceMinor: number }[]
    >()
    .notNull(),
  createdAt: instant('created_at').notNull(),
  createdBy: text('created_by'),
  runningFrom: instant('running_from').notNull(),
});

/**
 * A customer's subscription as periods: each applied change (and each move to a new price version) ends the
 * running period and starts the next, so the history says what was billed when. At most one period per
 * customer runs (ended_at null); the customers row mirrors it for the Billing list.
 */
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    ipsInternal: integer('ips_internal').notNull(),
    ipsExternal: integer('ips_external').notNull(),
    paymentMethod: text('payment_method', { enum: ['credit-card', 'invoice', 'project-key'] }).notNull(),
    /** The price table version it is priced by; null when a project key's sales price sets the price. */
    priceVersion: integer('price_version').references(() => priceVersions.version),
    monthlyPriceMinor: bigint('monthly_price_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    startedAt: instant('started_at').notNull(),
    endedAt: instant('ended_at'),
    /** A fixed term's end (a project key's): the month-end job ends the subscription then. */
    termEndsAt: instant('term_ends_at'),
    /** The redeemed project key that pays for this period. */
    projectKeyId: text('project_key_id'),
  },
  (t) => [
    index('subscriptions_term_end_idx')
      .on(t.termEndsAt)
      .where(sql`${t.endedAt} is null and ${t.termEndsAt} is not null`),
    uniqueIndex('subscriptions_one_running_key').on(t.customerId).where(sql`${t.endedAt} is null`),
    index('subscriptions_customer_idx').on(t.customerId, t.startedAt),
    index('subscriptions_running_version_idx').on(t.priceVersion).where(sql`${t.endedAt} is null`),
    // The dashboard's purchase cost of the running project-key periods (modules/dashboard).
    index('subscriptions_running_key_idx')
      .on(t.projectKeyId)
      .where(sql`${t.endedAt} is null and ${t.projectKeyId} is not null`),
  ],
);

/**
 * A change that waits for its time: a downgrade until the month's end, a non-instant upgrade until the
 * next month's start. One per customer: a newer change replaces it. The month-end job applies and deletes it in
 * one transaction, so it applies exactly once.
 */
export const pendingSubscriptionChanges = pgTable(
  'pending_subscription_changes',
  {
    customerId: uuid('customer_id')
      .primaryKey()
      .references(() => customers.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['upgrade', 'downgrade'] }).notNull(),
    ipsInternal: integer('ips_internal').notNull(),
    ipsExternal: integer('ips_external').notNull(),
    /** Null for a project key's change, whose sales price sets the price. */
    priceVersion: integer('price_version').references(() => priceVersions.version),
    monthlyPriceMinor: bigint('monthly_price_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    /** The payment method the new period gets; null keeps the running one's. */
    paymentMethod: text('payment_method', { enum: ['credit-card', 'invoice', 'project-key'] }),
    /** A redeemed project key that pays for the new period, and the end of its term counted from effective_at. */
    projectKeyId: text('project_key_id'),
    termEndsAt: instant('term_ends_at'),
    effectiveAt: instant('effective_at').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('pending_subscription_changes_due_idx').on(t.effectiveAt)],
);

/** Public keys of upstream MSPs that sign project keys; a key's `kid` header names its signer. */
export const projectKeySigners = pgTable('project_key_signers', {
  kid: text('kid').primaryKey(),
  label: text('label').notNull(),
  publicJwk: jsonb('public_jwk').$type<{ kty: 'OKP'; crv: 'Ed25519'; x: string }>().notNull(),
  createdAt: instant('created_at').notNull(),
  createdBy: text('created_by'),
});

/**
 * Every redeemed project key. The primary key on the key's id is what makes a key redeemable once: of two
 * admins redeeming it at the same moment, the second insert fails. The row stays when its customer is deleted,
 * so the key can never be used again.
 */
export const projectKeyRedemptions = pgTable(
  'project_key_redemptions',
  {
    keyId: text('key_id').primaryKey(),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    signerKid: text('signer_kid').notNull(),
    ips: integer('ips').notNull(),
    months: integer('months').notNull(),
    purchasePriceMinor: bigint('purchase_price_minor', { mode: 'number' }).notNull(),
    salesPriceMinor: bigint('sales_price_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    issuedAt: instant('issued_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    termStartsAt: instant('term_starts_at').notNull(),
    termEndsAt: instant('term_ends_at').notNull(),
    redeemedAt: instant('redeemed_at').notNull(),
    redeemedBy: text('redeemed_by'),
    /** When the provider was reminded that the term ends in 30 days. */
    reminderSentAt: instant('reminder_sent_at'),
  },
  (t) => [index('project_key_redemptions_customer_idx').on(t.customerId)],
);

/** Stripe webhook events, stored once by id: a redelivered event is acknowledged and ignored. */
export const stripeEvents = pgTable('stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  receivedAt: instant('received_at').notNull(),
  processedAt: instant('processed_at'),
});

/** A self-service customer's card billing at Stripe: its Stripe Customer and Subscription. */
export const cardBilling = pgTable('card_billing', {
  customerId: uuid('customer_id')
    .primaryKey()
    .references(() => customers.id, { onDelete: 'cascade' }),
  stripeCustomerId: text('stripe_customer_id').notNull().unique(),
  stripeSubscriptionId: text('stripe_subscription_id').unique(),
  checkoutSessionId: text('checkout_session_id'),
  /** The split chosen for the checkout in progress; Stripe only knows the total (the quantity). */
  requestedInternal: integer('requested_internal'),
  requestedExternal: integer('requested_external'),
  status: text('status', { enum: ['checkout-pending', 'active', 'past-due', 'canceled'] }).notNull(),
  lastPaymentError: text('last_payment_error'),
  updatedAt: instant('updated_at').notNull(),
});

/** The recurring Stripe Price of each price-table version (tiered, graduated, per IP and month). */
export const stripePrices = pgTable('stripe_prices', {
  priceVersion: integer('price_version')
    .primaryKey()
    .references(() => priceVersions.version),
  stripeProductId: text('stripe_product_id').notNull(),
  stripePriceId: text('stripe_price_id').notNull(),
  createdAt: instant('created_at').notNull(),
});

/**
 * What accounting keeps of a deleted customer: the running subscription's last billing period, with the
 * company name and numbers only. No foreign key: the customer row is gone when this is read.
 */
export const billingRecords = pgTable(
  'billing_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id').notNull(),
    companyName: text('company_name').notNull(),
    periodStart: instant('period_start').notNull(),
    periodEnd: instant('period_end').notNull(),
    ipsInternal: integer('ips_internal').notNull(),
    ipsExternal: integer('ips_external').notNull(),
    paymentMethod: text('payment_method').notNull(),
    monthlyPriceMinor: bigint('monthly_price_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('billing_records_customer_idx').on(t.customerId)],
);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * Issued invoices and credit notes (legal records): never changed after issue except for their status, payment
 * and rendered files. `document` is the InvoiceDocument (packages/domain) every rendering is made from. The row
 * stays when its customer is deleted. One invoice per customer and billing month (the partial unique index),
 * so an invoice run that is repeated or runs on two instances issues each at most once.
 */
export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull().unique(),
    kind: text('kind', { enum: ['invoice', 'credit-note'] }).notNull(),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    /** The buyer's name at issue, for the list's search and sort. */
    customerName: text('customer_name').notNull(),
    /** The billing month invoiced, `YYYY-MM` (a credit note: its invoice's). */
    billingMonth: text('billing_month').notNull(),
    issuedAt: instant('issued_at').notNull(),
    issueDate: date('issue_date', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    currency: text('currency').notNull(),
    netMinor: bigint('net_minor', { mode: 'number' }).notNull(),
    vatMinor: bigint('vat_minor', { mode: 'number' }).notNull(),
    grossMinor: bigint('gross_minor', { mode: 'number' }).notNull(),
    vatCategory: text('vat_category', { enum: ['S', 'AE', 'G', 'O'] }).notNull(),
    language: text('language', { enum: ['en', 'de'] }).notNull(),
    /** issued → paid, or issued → overdue → paid; cancelled by a full credit note. A credit note stays issued. */
    status: text('status', { enum: ['issued', 'paid', 'overdue', 'cancelled'] }).notNull(),
    paidOn: date('paid_on', { mode: 'string' }),
    /** A credit note's invoice. */
    creditedInvoiceId: uuid('credited_invoice_id').references((): AnyPgColumn => invoices.id),
    /** On an invoice: the gross its credit notes took back so far (a credit note over the rest is refused). */
    creditedGrossMinor: bigint('credited_gross_minor', { mode: 'number' }).notNull().default(0),
    /** A credit note's reason. */
    reason: text('reason'),
    document: jsonb('document').notNull(),
    /** The EN 16931 CII XML and the PDF/A-3 with it embedded, rendered by a job after issue. */
    xml: text('xml'),
    pdf: bytea('pdf'),
    renderedAt: instant('rendered_at'),
    /** The outbox mail that sent it, once rendered. */
    mailId: uuid('mail_id'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('invoices_customer_month_key')
      .on(t.customerId, t.billingMonth)
      .where(sql`${t.kind} = 'invoice'`),
    index('invoices_month_idx').on(t.billingMonth, t.issuedAt),
    index('invoices_customer_idx').on(t.customerId, t.issuedAt),
    index('invoices_status_due_idx').on(t.status, t.dueDate),
    index('invoices_unrendered_idx').on(t.issuedAt).where(sql`${t.renderedAt} is null`),
    index('invoices_credited_idx').on(t.creditedInvoiceId),
  ],
);

/**
 * The invoices and credit notes of each billing month per kind and status, with their gross sums: kept exact
 * by statement-level triggers on invoices (migration 0014), so the Dashboard's invoice figures read a few rows
 * instead of the month's tens of thousands of invoices.
 */
export const invoiceMonthTotals = pgTable(
  'invoice_month_totals',
  {
    billingMonth: text('billing_month').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
    grossMinor: bigint('gross_minor', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.billingMonth, t.kind, t.status] })],
);

/**
 * The last invoice number given per calendar year. Incremented in the transaction that issues the invoice: a
 * rollback gives the number back, and the row lock makes concurrent issuers (any instance) wait in turn, so
 * numbers are gapless and strictly increasing per year.
 */
export const invoiceNumberCounters = pgTable('invoice_number_counters', {
  year: integer('year').primaryKey(),
  lastSeq: integer('last_seq').notNull(),
});

/** A billing month's invoice run: done when every customer due an invoice has one (catch-up after downtime). */
export const invoiceRuns = pgTable('invoice_runs', {
  billingMonth: text('billing_month').primaryKey(),
  startedAt: instant('started_at').notNull(),
  completedAt: instant('completed_at'),
  issued: integer('issued').notNull().default(0),
});

/** Card customers' invoices at Stripe, kept from its webhooks and listed beside the portal's own. */
export const stripeInvoices = pgTable(
  'stripe_invoices',
  {
    id: text('id').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    number: text('number'),
    status: text('status', { enum: ['draft', 'open', 'paid', 'uncollectible', 'void'] }).notNull(),
    currency: text('currency').notNull(),
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
    amountPaidMinor: bigint('amount_paid_minor', { mode: 'number' }).notNull(),
    hostedInvoiceUrl: text('hosted_invoice_url'),
    invoicePdfUrl: text('invoice_pdf_url'),
    periodStart: instant('period_start'),
    periodEnd: instant('period_end'),
    /** When Stripe created it. */
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('stripe_invoices_customer_idx').on(t.customerId, t.createdAt)],
);

/**
 * The subscription figures of each closed billing month, as the Dashboard computes them for a past month: the
 * periods running when the month closed. Written once by the month end after a month's due changes are applied
 * (modules/dashboard/monthly-figures.service.ts), rewritten by `vmsp stats rebuild`; the Dashboard and its
 * development chart read them instead of scanning every period of the history.
 */
export const monthlyFigures = pgTable('monthly_figures', {
  /** The billing month, `YYYY-MM`. */
  month: text('month').primaryKey(),
  ipsInternal: bigint('ips_internal', { mode: 'number' }).notNull(),
  ipsExternal: bigint('ips_external', { mode: 'number' }).notNull(),
  ipsCreditCard: bigint('ips_credit_card', { mode: 'number' }).notNull(),
  ipsInvoice: bigint('ips_invoice', { mode: 'number' }).notNull(),
  ipsProjectKey: bigint('ips_project_key', { mode: 'number' }).notNull(),
  revenueMinor: bigint('revenue_minor', { mode: 'number' }).notNull(),
  revenueSelfServiceMinor: bigint('revenue_self_service_minor', { mode: 'number' }).notNull(),
  revenueManagedMinor: bigint('revenue_managed_minor', { mode: 'number' }).notNull(),
  /** The purchase table version that priced the IPs, and their cost; both null while none applied. */
  purchaseVersion: integer('purchase_version'),
  purchaseMinor: bigint('purchase_minor', { mode: 'number' }),
  computedAt: instant('computed_at').notNull(),
});
