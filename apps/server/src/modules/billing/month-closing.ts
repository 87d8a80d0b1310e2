/**
 * What the month end asks of invoicing once a month's subscriptions are final: issue the invoices of every
 * billing month that has ended by `now` and is not invoiced yet. Billing owns this port and the invoicing
 * module implements it (app.ts wires the two), because invoicing reads billing's periods: billing must not
 * import invoicing back.
 */
export interface InvoiceRun {
  run(now: Date): Promise<{ issued: number }>;
}

/**
 * What the month end asks of the dashboard once a month's subscriptions are final: keep the subscription figures
 * of the billing months that have ended by `now` and are not kept yet (dashboard/monthly-figures.service.ts,
 * wired in app.ts), so that the Dashboard and its chart read a closed month instead of counting its periods.
 */
export interface MonthlyFiguresRecorder {
  recordClosedMonths(now: Date): Promise<{ recorded: number }>;
}
