/**
 * What the month end asks of invoicing once a month's subscriptions are final: issue the invoices of every
 * billing month that has ended by `now` and is not invoiced yet. Billing owns this port and the invoicing
 * module implements it (app.ts wires the two), because invoicing reads billing's periods: billing must not
 * import invoicing back.
 */
export interface InvoiceRun {
  run(now: Date): Promise<{ issued: number }>;
}
