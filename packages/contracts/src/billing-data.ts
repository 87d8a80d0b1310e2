import { z } from 'zod';
import { BillingMonthLabel } from './invoices.ts';

/**
 * `GET /api/billing-data`: the monthly billing data (proof of performance) of an ended billing month, one row per
 * customer and subscription period, with totals. `csv` (UTF-8 with BOM; `sep=semicolon` for German Excel:
 * semicolons and decimal commas), `xlsx` (money and dates as real cells) or `pdf` (a summary: totals per payment
 * method and service mode). A month that has not ended is refused (400 naming `month`).
 */
export const BillingDataFormat = z.enum(['csv', 'xlsx', 'pdf']);
export type BillingDataFormat = z.infer<typeof BillingDataFormat>;

export const BillingDataQuery = z.object({
  month: BillingMonthLabel,
  format: BillingDataFormat.default('csv'),
  sep: z.enum(['comma', 'semicolon']).default('comma'),
});
export type BillingDataQuery = z.infer<typeof BillingDataQuery>;
