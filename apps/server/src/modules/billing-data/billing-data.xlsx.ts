import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { BILLING_DATA_COLUMNS } from './billing-data.csv.ts';
import type { BillingDataRow } from './billing-data.rows.ts';
import { BillingDataTotals } from './billing-data.totals.ts';

const WIDTHS = [32, 38, 13, 14, 12, 12, 11, 11, 10, 18, 14, 15, 14, 16, 9];
const MONEY_COLUMNS = [11, 12, 13];
const DATE_COLUMNS = [5, 6];
const DATE_FORMAT = 'yyyy-mm-dd';

/** Cents as a number cell: the currency format shows them as the amount they are. */
const amount = (minor: number | null) => (minor === null ? null : minor / 100);

const ROW_STYLE: Partial<ExcelJS.Style> = {};

/**
 * The style of each column's cells, one object per column shared by all its cells. exceljs gives every cell a
 * style object of its own, and its style registry looks a style up by object identity before it serialises the
 * style to XML to find its id: with shared objects that costly step runs once per column instead of per cell.
 * The styles are the column's, so the sheet is the same as with exceljs's own per-cell copies.
 */
function columnStyles(currency: string): Partial<ExcelJS.Style>[] {
  const plain = ROW_STYLE;
  const date = { numFmt: DATE_FORMAT };
  const money = { numFmt: moneyFormat(currency) };
  return WIDTHS.map((_, i) =>
    DATE_COLUMNS.includes(i + 1) ? date : MONEY_COLUMNS.includes(i + 1) ? money : plain,
  );
}

/**
 * The billing data as an XLSX workbook, written with exceljs's streaming writer: each row is committed (turned
 * into XML and handed to the ZIP) as it is added, and after each batch the writer waits while the output is
 * full, so memory stays flat whatever the month holds. Money cells are numbers in a currency format, the
 * period's days are date cells; a bold `Total` row ends the sheet.
 */
export async function writeBillingDataXlsx(
  batches: AsyncIterable<BillingDataRow[]>,
  month: string,
  output: Writable,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(`Billing data ${month}`, { views: [{ state: 'frozen', ySplit: 1 }] });
  const totals = new BillingDataTotals();
  WIDTHS.forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
  for (const c of DATE_COLUMNS) sheet.getColumn(c).numFmt = DATE_FORMAT;
  // The sheet's column formats are written with its first committed row, and the money format names the
  // currency: the header waits for the first row (or the end).
  let header: ExcelJS.Row | null = sheet.addRow([...BILLING_DATA_COLUMNS]);
  header.font = { bold: true };
  let styles: Partial<ExcelJS.Style>[] = [];
  const commitHeader = (currency: string) => {
    if (!header) return;
    for (const c of MONEY_COLUMNS) sheet.getColumn(c).numFmt = moneyFormat(currency);
    header.commit();
    header = null;
    styles = columnStyles(currency);
  };
  const days = new DayCells();
  for await (const batch of batches) {
    for (const row of batch) {
      totals.add(row);
      commitHeader(row.currency);
      const line = sheet.addRow([
        row.customerName,
        row.customerId,
        row.serviceMode,
        row.paymentMethod,
        days.of(row.periodFrom),
        days.of(row.periodTo),
        row.ipsInternal,
        row.ipsExternal,
        row.ipsTotal,
        row.articleNumber,
        amount(row.salesMinor),
        amount(row.purchaseMinor),
        amount(row.marginMinor),
        row.invoiceNumber,
        row.currency,
      ]);
      // The row's own style too (a fresh `{}` per row, which exceljs's typings leave out).
      (line as unknown as { style: Partial<ExcelJS.Style> }).style = ROW_STYLE;
      line.eachCell({ includeEmpty: true }, (cell, column) => {
        cell.style = styles[column - 1] as ExcelJS.Style;
      });
      line.commit();
    }
    if (output.writableNeedDrain) await once(output, 'drain');
  }
  commitHeader(totals.currency);
  const { all } = totals;
  const total = sheet.addRow([
    'Total',
    ...Array(9).fill(null),
    amount(all.salesMinor),
    amount(all.purchaseMinor),
    amount(all.marginMinor),
    null,
    totals.currency,
  ]);
  total.font = { bold: true };
  for (const c of MONEY_COLUMNS) total.getCell(c).numFmt = moneyFormat(totals.currency);
  total.commit();
  sheet.commit();
  await workbook.commit();
}

/**
 * Calendar dates (YYYY-MM-DD) as date cells: midnight UTC is the serial day Excel shows, in any zone. A month
 * has at most 31 of them, so each is parsed once.
 */
class DayCells {
  readonly #dates = new Map<string, Date>();

  of(day: string): Date {
    let date = this.#dates.get(day);
    if (!date) {
      date = new Date(`${day}T00:00:00Z`);
      this.#dates.set(day, date);
    }
    return date;
  }
}

/** Thousands separators, two decimals, the currency code after the amount; negative margins in red. */
function moneyFormat(currency: string): string {
  return `#,##0.00 "${currency}";[Red]-#,##0.00 "${currency}"`;
}
