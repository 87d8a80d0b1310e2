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

/**
 * Everything the month end asks once a month's subscriptions are final, in order: the dashboard's figures of the
 * ended months are kept first (they read the periods only), then those months are invoiced.
 */
export interface MonthClosing {
  closeEndedMonths(now: Date): Promise<{ invoiced: number }>;
}

/** The month closing of the modules present (app.ts wires both; tests may leave either out). */
export function monthClosing(steps: {
  figures?: MonthlyFiguresRecorder;
  invoices?: InvoiceRun;
}): MonthClosing {
  return {
    async closeEndedMonths(now) {
      await steps.figures?.recordClosedMonths(now);
      return { invoiced: steps.invoices ? (await steps.invoices.run(now)).issued : 0 };
    },
  };
}
