import {
  type CsvDialect,
  type CsvSeparator,
  csvDialect,
  csvField,
  decimalAmount,
  UTF8_BOM,
} from '../../lib/csv.ts';
import type { BillingDataRow } from './billing-data.rows.ts';
import { BillingDataTotals } from './billing-data.totals.ts';

export const BILLING_DATA_COLUMNS = [
  'Customer',
  'Customer number',
  'Service mode',
  'Payment method',
  'Period from',
  'Period to',
  'IPs internal',
  'IPs external',
  'IPs total',
  'Article number',
  'Sales amount',
  'Purchase amount',
  'Margin',
  'Invoice number',
  'Currency',
] as const;

function line(cells: string[], dialect: CsvDialect): string {
  return `${cells.join(dialect.separator)}\r\n`;
}

function rowLine(row: BillingDataRow, dialect: CsvDialect): string {
  const text = (v: string) => csvField(v, dialect, true);
  const money = (minor: number | null) =>
    minor === null ? '' : csvField(decimalAmount(minor, dialect.decimalMark), dialect, false);
  return line(
    [
      text(row.customerName),
      row.customerId,
      row.serviceMode,
      row.paymentMethod,
      row.periodFrom,
      row.periodTo,
      String(row.ipsInternal),
      String(row.ipsExternal),
      String(row.ipsTotal),
      text(row.articleNumber),
      money(row.salesMinor),
      money(row.purchaseMinor),
      money(row.marginMinor),
      text(row.invoiceNumber ?? ''),
      row.currency,
    ],
    dialect,
  );
}

/**
 * The billing data as CSV: UTF-8 with a byte-order mark, one line per row, then one `Total` line with the sums
 * of sales, purchase and margin (purchase and margin over the rows that have a purchase price). Empty purchase
 * and margin cells mean no purchase price applied. Each batch is written as one chunk.
 */
export async function* billingDataCsv(
  batches: AsyncIterable<BillingDataRow[]>,
  separator: CsvSeparator,
): AsyncGenerator<string> {
  const dialect = csvDialect(separator);
  const totals = new BillingDataTotals();
  yield UTF8_BOM + line([...BILLING_DATA_COLUMNS], dialect);
  for await (const batch of batches) {
    let chunk = '';
    for (const row of batch) {
      totals.add(row);
      chunk += rowLine(row, dialect);
    }
    yield chunk;
  }
  const money = (minor: number) => csvField(decimalAmount(minor, dialect.decimalMark), dialect, false);
  const { all } = totals;
  yield line(
    [
      'Total',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      money(all.salesMinor),
      money(all.purchaseMinor),
      money(all.marginMinor),
      '',
      totals.currency,
    ],
    dialect,
  );
}
