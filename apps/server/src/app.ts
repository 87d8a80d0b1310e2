import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Clock as BossClock } from 'pg-boss';
import type { Config } from './config.ts';
import { analyzeJobs } from './db/analyze.ts';
import type { Connection } from './db/connection.ts';
import { migrationsApplied } from './db/migrate.ts';
import { registerAccess, registerAuth } from './http/auth.ts';
import { frameworkErrors, registerErrorHandler } from './http/errors.ts';
import { LogRedactor, type LogStream } from './http/log-redaction.ts';
import { registerOpenApi } from './http/openapi.ts';
import { registerOriginGuard } from './http/origin-guard.ts';
import { registerRateLimit } from './http/rate-limit.ts';
import { PORTAL_SECURITY_HEADERS, registerSecurityHeaders } from './http/security-headers.ts';
import { registerTextGuard } from './http/text-guard.ts';
import { registerWebApp } from './http/web-app.ts';
import { JobQueue } from './jobs/queue.ts';
import { type Clock, systemClock } from './lib/clock.ts';
import { SecretBox } from './lib/secret-box.ts';
import { adminsRoutes } from './modules/admins/admins.routes.ts';
import { AdminsService } from './modules/admins/admins.service.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { AuditService } from './modules/audit/audit.service.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { AuthService } from './modules/auth/auth.service.ts';
import { passwordResetRoutes } from './modules/auth/password-reset.routes.ts';
import { PasswordResetService } from './modules/auth/password-reset.service.ts';
import { BillingRecordsService } from './modules/billing/billing-records.service.ts';
import { CardCheckoutService } from './modules/billing/card-checkout.service.ts';
import { cardPaymentJobs } from './modules/billing/card-payments.jobs.ts';
import { cardPaymentsRoutes } from './modules/billing/card-payments.routes.ts';
import { CardPaymentsService } from './modules/billing/card-payments.service.ts';
import { IpDistributionService } from './modules/billing/ip-distribution.service.ts';
import { monthClosing } from './modules/billing/month-closing.ts';
import { MonthEndService } from './modules/billing/month-end.service.ts';
import { MonthEndBatches } from './modules/billing/month-end-batches.ts';
import { PortalSubscriptionService } from './modules/billing/portal-subscription.service.ts';
import { ProjectKeyRedemptionService } from './modules/billing/project-key-redemption.service.ts';
import { runningSubscriptionsByMethod } from './modules/billing/running-subscriptions.ts';
import { StripeCheckout } from './modules/billing/stripe-checkout.ts';
import { StripeEventsService } from './modules/billing/stripe-events.service.ts';
import { stripeInvoicesOf } from './modules/billing/stripe-invoice-list.ts';
import { StripePrices } from './modules/billing/stripe-prices.ts';
import { StripeSyncService } from './modules/billing/stripe-sync.service.ts';
import { StripeWebhookService } from './modules/billing/stripe-webhook.service.ts';
import { SubscriptionCancellationService } from './modules/billing/subscription-cancellation.service.ts';
import { SubscriptionChange } from './modules/billing/subscription-change.ts';
import { subscriptionJobs } from './modules/billing/subscriptions.jobs.ts';
import { subscriptionsRoutes } from './modules/billing/subscriptions.routes.ts';
import { SubscriptionsService } from './modules/billing/subscriptions.service.ts';
import { billingDataRoutes } from './modules/billing-data/billing-data.routes.ts';
import { BillingDataService } from './modules/billing-data/billing-data.service.ts';
import { customerAccounts } from './modules/customers/customer-accounts.ts';
import { CustomerChanges } from './modules/customers/customer-changes.ts';
import { CustomerConversionService } from './modules/customers/customer-conversion.service.ts';
import { CustomerDeletionService } from './modules/customers/customer-deletion.service.ts';
import { CustomerDetailsService } from './modules/customers/customer-details.service.ts';
import { CustomerLockService } from './modules/customers/customer-lock.service.ts';
import { CustomerOnboardingService } from './modules/customers/customer-onboarding.service.ts';
import { CustomerOpening } from './modules/customers/customer-opening.ts';
import { CustomerProfileService } from './modules/customers/customer-profile.service.ts';
import { CustomerPurge } from './modules/customers/customer-purge.ts';
import { CustomerSessions } from './modules/customers/customer-sessions.ts';
import { customerJobs } from './modules/customers/customers.jobs.ts';
import { customersRoutes } from './modules/customers/customers.routes.ts';
import { CustomersService } from './modules/customers/customers.service.ts';
import { InvitationAcceptance } from './modules/customers/invitation-acceptance.ts';
import { MainUserService } from './modules/customers/main-user.service.ts';
import { signUpRoutes } from './modules/customers/sign-up.routes.ts';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.ts';
import { DashboardService } from './modules/dashboard/dashboard.service.ts';
import { MonthlyFiguresService } from './modules/dashboard/monthly-figures.service.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { companySettingsRoutes } from './modules/invoicing/company-settings.routes.ts';
import { CompanySettingsService } from './modules/invoicing/company-settings.service.ts';
import { CreditNotesService } from './modules/invoicing/credit-notes.service.ts';
import { InvoiceCalendar } from './modules/invoicing/invoice-dates.ts';
import { InvoiceExports } from './modules/invoicing/invoice-exports.ts';
import { InvoiceMailingService } from './modules/invoicing/invoice-mailing.service.ts';
import { INVOICE_PDF_ATTACHMENT, invoicePdfAttachments } from './modules/invoicing/invoice-mails.ts';
import { InvoicePaymentsService } from './modules/invoicing/invoice-payments.service.ts';
import { invoiceRenderingJobs } from './modules/invoicing/invoice-rendering.jobs.ts';
import { InvoiceRenderingService } from './modules/invoicing/invoice-rendering.service.ts';
import { InvoiceRunService } from './modules/invoicing/invoice-run.service.ts';
import { invoiceJobs, MARK_OVERDUE_JOB } from './modules/invoicing/invoices.jobs.ts';
import { invoicesRoutes } from './modules/invoicing/invoices.routes.ts';
import { InvoicesService } from './modules/invoicing/invoices.service.ts';
import { portalInvoicesRoutes } from './modules/invoicing/portal-invoices.routes.ts';
import { mailJobs } from './modules/mail/mail.jobs.ts';
import { mailRoutes } from './modules/mail/mail.routes.ts';
import { MailService } from './modules/mail/mail.service.ts';
import { smtpTested } from './modules/mail/mail-settings.ts';
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts';
import { NotificationsService } from './modules/notifications/notifications.service.ts';
import { onboardingRoutes } from './modules/onboarding/onboarding.routes.ts';
import { OnboardingService } from './modules/onboarding/onboarding.service.ts';
import { PaymentMethodsService } from './modules/payments/payment-methods.service.ts';
import { paymentsRoutes } from './modules/payments/payments.routes.ts';
import { StripeSettingsService } from './modules/payments/stripe-settings.service.ts';
import { pricesRoutes } from './modules/prices/prices.routes.ts';
import { PricesService } from './modules/prices/prices.service.ts';
import { purchasePricesRoutes } from './modules/prices/purchase-prices.routes.ts';
import { PurchasePricesService } from './modules/prices/purchase-prices.service.ts';
import { ProjectKeySignersService } from './modules/project-keys/project-key-signers.service.ts';
import { projectKeyRoutes } from './modules/project-keys/project-keys.routes.ts';
import { ProjectKeysService } from './modules/project-keys/project-keys.service.ts';
import { selfServiceRoutes } from './modules/self-service/self-service.routes.ts';
import { SelfServiceService } from './modules/self-service/self-service.service.ts';
import { teamRoutes } from './modules/team/team.routes.ts';
import { TeamService } from './modules/team/team.service.ts';
import { TeamAccess } from './modules/team/team-access.ts';
import { TeamInvitationsService } from './modules/team/team-invitations.service.ts';
import { UsersService } from './modules/users/users.service.ts';

export interface PortalOptions {
  connection: Connection;
  clock?: Clock;
  /** pg-boss's own clock (a TestClock in tests that move time for jobs). */
  bossClock?: BossClock;
  logger?: boolean;
  /** Where the log goes instead of standard output (tests read it back). */
  logStream?: LogStream;
}

export interface Portal {
  app: FastifyInstance;
  services: ReturnType<typeof wireServices>;
  jobs: JobQueue;
  /** Starts the job queue, and this instance's workers unless `work` (default: config.workers) is false. */
  startJobs(options?: { pollingIntervalSeconds?: number; work?: boolean }): Promise<void>;
  close(): Promise<void>;
}

/** The one place where modules are wired: services get their dependencies here, never by importing each other's instances. */
function wireServices(config: Config, connection: Connection, clock: Clock, jobs: JobQueue) {
  const db = connection.db;
  const audit = new AuditService(db, clock, config.billingTimeZone);
  const users = new UsersService(clock);
  const secrets = new SecretBox(config.appSecret);
  const mail = new MailService({ db, clock, config, jobs, audit, secrets });
  const auth = new AuthService({ db, clock, config, users, audit });
  const passwordReset = new PasswordResetService({ db, config, users, auth, mail, audit });
  const admins = new AdminsService({ db, config, users, auth, audit, mail });
  const selfService = new SelfServiceService({ db, clock, audit });
  const { billingTimeZone } = config;
  const prices = new PricesService({ db, clock, audit, billingTimeZone });
  const purchasePrices = new PurchasePricesService({ db, clock, audit, billingTimeZone });
  const monthlyFigures = new MonthlyFiguresService({ db, clock, purchasePrices, billingTimeZone });
  const dashboard = new DashboardService({ db, clock, monthlyFigures, billingTimeZone });
  const embedded = connection.kind === 'pglite';
  const monthEndBatches = new MonthEndBatches({
    prices,
    audit,
    analyze: embedded,
    inFlight: embedded ? 1 : 2,
  });
  const subscriptions = new SubscriptionsService({
    clock,
    prices,
    billingTimeZone,
    dueChanges: monthEndBatches,
  });
  const stripeSettings = new StripeSettingsService({ db, clock, audit, secrets, config });
  const paymentMethods = new PaymentMethodsService({
    db,
    clock,
    audit,
    stripe: stripeSettings,
    runningSubscriptions: runningSubscriptionsByMethod,
  });
  const projectKeySigners = new ProjectKeySignersService({ db, clock, audit });
  const companySettings = new CompanySettingsService({ db, clock, audit });
  const invoiceCalendar = new InvoiceCalendar(clock, billingTimeZone);
  const invoices = new InvoicesService({
    db,
    calendar: invoiceCalendar,
    audit,
    stripeInvoices: stripeInvoicesOf,
  });
  const invoicePayments = new InvoicePaymentsService({ db, calendar: invoiceCalendar, audit, invoices });
  const creditNotes = new CreditNotesService({
    db,
    calendar: invoiceCalendar,
    audit,
    jobs,
    company: companySettings,
    invoices,
  });
  const invoiceExports = new InvoiceExports({ db, audit });
  const billingData = new BillingDataService({ db, clock, audit, prices, purchasePrices, billingTimeZone });
  const invoiceRendering = new InvoiceRenderingService({ db, clock, mail, audit, companySettings });
  const invoiceMailing = new InvoiceMailingService({ db, mail, audit });
  // Invoice mails carry the stored PDF by reference; mail reads it through this source, not by importing invoicing.
  mail.registerAttachmentSource(INVOICE_PDF_ATTACHMENT, invoicePdfAttachments);
  const notifications = new NotificationsService({ db, clock, audit, users });
  const projectKeys = new ProjectKeysService({ db, clock, signers: projectKeySigners, notifications, mail });
  const cards = new CardPaymentsService({ jobs, prices });
  const customers = new CustomersService({ db, audit });
  const details = new CustomerDetailsService({ db, users, subscriptions, projectKeys, cards });
  const changes = new CustomerChanges({ db, clock, audit, details });
  const sessions = new CustomerSessions({ users, auth });
  const invitations = new InvitationAcceptance({ db, users, auth, audit });
  const opening = new CustomerOpening({ clock, config, users, mail, selfService });
  const onboarding = new CustomerOnboardingService({ db, audit, users, opening, invitations, details });
  const profile = new CustomerProfileService({ db, changes });
  const locks = new CustomerLockService({ changes, sessions });
  const conversion = new CustomerConversionService({ changes });
  const mainUsers = new MainUserService({ changes, users });
  const accounts = customerAccounts((executor, c) => details.detailsIn(executor, c));
  const change = new SubscriptionChange({ clock, audit, accounts, subscriptions, paymentMethods, cards });
  const portalSubscription = new PortalSubscriptionService({
    db,
    change,
    subscriptions,
    prices,
    paymentMethods,
    cards,
  });
  const ipDistribution = new IpDistributionService({ db, change, portal: portalSubscription });
  const projectKeyRedemption = new ProjectKeyRedemptionService({
    db,
    change,
    audit,
    prices,
    paymentMethods,
    projectKeys,
  });
  const subscriptionCancellation = new SubscriptionCancellationService({ db, change, subscriptions, cards });
  const stripePrices = new StripePrices({ db, clock, stripe: stripeSettings });
  const cardCheckout = new CardCheckoutService({
    db,
    change,
    audit,
    subscriptions,
    paymentMethods,
    checkout: new StripeCheckout({ db, clock, config, stripe: stripeSettings, prices: stripePrices }),
  });
  const stripeWebhook = new StripeWebhookService({ db, clock, stripe: stripeSettings, jobs });
  const stripeEvents = new StripeEventsService({
    db,
    clock,
    audit,
    stripe: stripeSettings,
    subscriptions,
    change,
  });
  const stripeSync = new StripeSyncService({ db, audit, stripe: stripeSettings, prices: stripePrices });
  const invoiceRun = new InvoiceRunService({
    db,
    company: companySettings,
    prices,
    audit,
    jobs,
    billingTimeZone,
  });
  const monthEnd = new MonthEndService({
    db,
    clock,
    accounts,
    batches: monthEndBatches,
    projectKeys,
    closing: monthClosing({ figures: monthlyFigures, invoices: invoiceRun }),
  });
  const billingRecords = new BillingRecordsService({
    clock,
    billingTimeZone,
    subscriptions,
    cards,
    invoices: invoiceRun,
  });
  const purge = new CustomerPurge({ jobs, users, audit, mail, notifications, billing: billingRecords });
  const deletion = new CustomerDeletionService({ db, clock, config, changes, sessions, purge });
  const teamAccess = new TeamAccess({ db, users, audit, customers: mainUsers });
  const team = new TeamService({ access: teamAccess, users, auth, customers: mainUsers });
  const teamInvitations = new TeamInvitationsService({
    access: teamAccess,
    config,
    users,
    mail,
    invitations,
  });
  const firstSteps = new OnboardingService({
    db,
    clock,
    checks: {
      'mail-server': smtpTested,
      'company-data': async () => (await companySettings.status()).enabled,
      'price-table': async (executor) => (await prices.table(executor)).current !== null,
      'payment-methods': (executor) => paymentMethods.chosen(executor),
      'first-customer': () => customers.exist(),
    },
  });
  return {
    audit,
    users,
    mail,
    auth,
    passwordReset,
    admins,
    selfService,
    prices,
    purchasePrices,
    dashboard,
    monthlyFigures,
    subscriptions,
    stripeSettings,
    paymentMethods,
    projectKeySigners,
    projectKeys,
    cards,
    notifications,
    customers,
    details,
    onboarding,
    profile,
    locks,
    conversion,
    mainUsers,
    portalSubscription,
    ipDistribution,
    projectKeyRedemption,
    subscriptionCancellation,
    cardCheckout,
    stripeWebhook,
    stripeEvents,
    stripeSync,
    monthEnd,
    deletion,
    team,
    teamInvitations,
    companySettings,
    invoices,
    invoicePayments,
    creditNotes,
    invoiceExports,
    invoiceRendering,
    invoiceMailing,
    billingData,
    firstSteps,
  };
}

export async function buildPortal(config: Config, options: PortalOptions): Promise<Portal> {
  const clock = options.clock ?? systemClock;
  const jobs = new JobQueue(options.connection, options.bossClock ? { clock: options.bossClock } : {});
  const services = wireServices(config, options.connection, clock, jobs);
  for (const job of [
    ...mailJobs(services.mail),
    ...subscriptionJobs(services.monthEnd),
    ...cardPaymentJobs(services.stripeEvents, services.stripeSync),
    ...customerJobs(services.deletion),
    ...analyzeJobs(options.connection),
    ...invoiceJobs(services.invoices),
    ...invoiceRenderingJobs(services.invoiceRendering),
  ]) {
    jobs.define(job);
  }

  const redactor = new LogRedactor();
  const app = Fastify({
    logger: options.logger === false ? false : redactor.loggerOptions(config.logLevel, options.logStream),
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    // Longer than any id or token the routes take; a longer parameter is answered 414 URI_TOO_LONG.
    routerOptions: { maxParamLength: 512 },
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();
  jobs.onError((err) => app.log.error({ err }, 'job queue error'));
  redactor.watch(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerTextGuard(app);

  registerSecurityHeaders(app, PORTAL_SECURITY_HEADERS);
  await app.register(cookie);
  registerOriginGuard(app, config.publicUrl);
  // Before the auth hook: the request is counted while its session is looked up, and judged after.
  registerRateLimit(app, { connection: options.connection, clock, limits: config.rateLimit });
  registerAuth(app, services.auth, { secureCookies: config.publicUrl.startsWith('https:') });
  registerAccess(app);
  await registerOpenApi(app);

  await app.register(healthRoutes, { ready: () => migrationsApplied(options.connection) });
  await app.register(authRoutes, { auth: services.auth });
  await app.register(passwordResetRoutes, { passwordReset: services.passwordReset });
  await app.register(adminsRoutes, { admins: services.admins });
  await app.register(mailRoutes, { mail: services.mail });
  await app.register(auditRoutes, { audit: services.audit });
  await app.register(customersRoutes, {
    customers: services.customers,
    details: services.details,
    onboarding: services.onboarding,
    profile: services.profile,
    locks: services.locks,
    conversion: services.conversion,
    mainUsers: services.mainUsers,
    deletion: services.deletion,
    clock,
    timeZone: config.billingTimeZone,
  });
  await app.register(pricesRoutes, { prices: services.prices });
  await app.register(purchasePricesRoutes, { purchasePrices: services.purchasePrices });
  await app.register(dashboardRoutes, { dashboard: services.dashboard });
  await app.register(onboardingRoutes, { onboarding: services.firstSteps });
  await app.register(notificationsRoutes, { notifications: services.notifications });
  await app.register(paymentsRoutes, {
    paymentMethods: services.paymentMethods,
    stripeSettings: services.stripeSettings,
  });
  await app.register(cardPaymentsRoutes, {
    checkout: services.cardCheckout,
    webhook: services.stripeWebhook,
  });
  await app.register(projectKeyRoutes, { projectKeySigners: services.projectKeySigners });
  await app.register(subscriptionsRoutes, {
    ipDistribution: services.ipDistribution,
    redemption: services.projectKeyRedemption,
    cancellation: services.subscriptionCancellation,
    portalSubscription: services.portalSubscription,
    projectKeySigners: services.projectKeySigners,
    billingTimeZone: config.billingTimeZone,
  });
  await app.register(selfServiceRoutes, { selfService: services.selfService });
  await app.register(signUpRoutes, { onboarding: services.onboarding });
  await app.register(teamRoutes, { team: services.team, invitations: services.teamInvitations });
  await app.register(companySettingsRoutes, { companySettings: services.companySettings });
  await app.register(invoicesRoutes, {
    invoices: services.invoices,
    payments: services.invoicePayments,
    creditNotes: services.creditNotes,
    exports: services.invoiceExports,
    mailing: services.invoiceMailing,
  });
  await app.register(portalInvoicesRoutes, { invoices: services.invoices });
  await app.register(billingDataRoutes, { billingData: services.billingData });
  await registerWebApp(app, config.webDistDir);

  return {
    app,
    services,
    jobs,
    async startJobs(startOptions = {}) {
      await jobs.start({ work: config.workers, ...startOptions });
      // The overdue rule runs hourly; a pass at start applies it at once after an update or downtime.
      await jobs.send(MARK_OVERDUE_JOB, {}, { singletonKey: MARK_OVERDUE_JOB.name });
    },
    async close() {
      await app.close();
      await jobs.stop().catch(() => {});
    },
  };
}
