import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { Database } from '../../db/connection.ts';
import {
  type CsvDialect,
  type CsvSeparator,
  csvDialect,
  csvField,
  decimalAmount,
  UTF8_BOM,
} from '../../lib/csv.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import * as repo from './invoices.repository.ts';

/**
 * Rows per CSV query: small batches die young in the garbage collector (see the customer export), and each
 * query is an index range scan of the month.
 */
const CSV_BATCH = 1000;
/** Invoices per ZIP query: each carries its PDF (tens of kB), so a batch stays a few MB. */
const ZIP_BATCH = 50;

/**
 * A file name for an invoice number. Number patterns may contain '/', which a ZIP reads as a folder and a
 * download as a path; every other character a pattern allows is safe in a file name.
 */
export function fileNameOf(number: string, extension: 'pdf' | 'xml'): string {
  return `${number.replaceAll('/', '-')}.${extension}`;
}

const CSV_HEADER = [
  'Number',
  'Date',
  'Type',
  'Customer',
  'Customer ID',
  'Net',
  'VAT',
  'Gross',
  'VAT category',
  'Currency',
  'Credited invoice',
];

function csvLine(row: repo.InvoiceListRow, dialect: CsvDialect): string {
  // A credit note takes its amounts back: negative, so that a column's sum is what the month brought in.
  const sign = row.kind === 'credit-note' ? -1 : 1;
  const text = (v: string) => csvField(v, dialect, true);
  const amount = (minor: number) =>
    csvField(decimalAmount(sign * minor, dialect.decimalMark), dialect, false);
  return [
    text(row.number),
    row.issueDate,
    row.kind === 'credit-note' ? 'credit note' : 'invoice',
    text(row.customerName),
    row.customerId ?? '',
    amount(row.netMinor),
    amount(row.vatMinor),
    amount(row.grossMinor),
    row.vatCategory,
    row.currency,
    text(row.creditedInvoiceNumber ?? ''),
  ].join(dialect.separator);
}

/**
 * A billing month's invoices for accounting: as CSV (DATEV-style columns) and as one ZIP of their PDFs and
 * XMLs. Both are read batch by batch, the next batch while the current one is written, so memory stays flat
 * whatever the month holds.
 */
export class InvoiceExports {
  readonly #db: Database;
  readonly #audit: AuditService;

  constructor(deps: { db: Database; audit: AuditService }) {
    this.#db = deps.db;
    this.#audit = deps.audit;
  }

  /** Records who exported which month: the export hands legal records out of the portal. */
  async recordExport(actor: Actor, month: string, format: 'csv' | 'zip'): Promise<void> {
    await this.#audit.record(this.#db, {
      actor,
      action: 'invoices.exported',
      objectType: 'invoice',
      objectId: null,
      after: { month, format },
    });
  }

  /**
   * The CSV, UTF-8 with a byte-order mark (Excel reads the file as UTF-8 only with it), lines ended by CRLF
   * (RFC 4180). `semicolon` is German Excel's dialect: semicolons between fields and decimal commas.
   */
  async *csv(month: string, separator: CsvSeparator): AsyncGenerator<string> {
    const dialect = csvDialect(separator);
    yield `${UTF8_BOM}${CSV_HEADER.join(dialect.separator)}\r\n`;
    for await (const batch of this.#batches(
      (after) => repo.exportRows(this.#db, month, after, CSV_BATCH),
      CSV_BATCH,
    )) {
      yield batch.map((row) => `${csvLine(row, dialect)}\r\n`).join('');
    }
  }

  /**
   * Refuses a month whose documents are not all rendered yet (seconds after an invoice run): a ZIP that
   * silently lacks invoices would be handed to accounting as complete.
   */
  async requireRendered(month: string): Promise<void> {
    const pending = await repo.countUnrendered(this.#db, month);
    if (pending > 0)
      throw new AppError(
        'INVOICE_DOCUMENTS_PENDING',
        409,
        `The documents of ${pending} invoices or credit notes of ${month} are still being prepared. Try again in a minute.`,
      );
  }

  /**
   * The ZIP: `<number>.pdf` and `<number>.xml` of each invoice and credit note of the month. PDFs are stored
   * as they are (they are compressed inside); XML is deflated. Each batch's part of the archive is yielded
   * as soon as it is written.
   */
  async *zip(month: string): AsyncGenerator<Uint8Array> {
    const parts: Uint8Array[] = [];
    let failure: Error | null = null;
    const archive = new Zip((error, chunk) => {
      if (error) failure = error;
      else parts.push(chunk);
    });
    const take = () => {
      if (failure) throw failure;
      return Buffer.concat(parts.splice(0));
    };
    for await (const batch of this.#batches(
      (after) => repo.exportFiles(this.#db, month, after, ZIP_BATCH),
      ZIP_BATCH,
    )) {
      for (const file of batch) {
        if (file.pdf)
          add(archive, new ZipPassThrough(fileNameOf(file.number, 'pdf')), file.pdf, file.issuedAt);
        if (file.xml)
          add(
            archive,
            new ZipDeflate(fileNameOf(file.number, 'xml'), { level: 6 }),
            Buffer.from(file.xml),
            file.issuedAt,
          );
      }
      yield take();
    }
    archive.end();
    yield take();
  }

  /** Keyset pages in (issued at, number) order, each read while the one before is being consumed. */
  async *#batches<T extends repo.ExportCursor>(
    read: (after: repo.ExportCursor | null) => Promise<T[]>,
    size: number,
  ): AsyncGenerator<T[]> {
    let pending: Promise<T[]> | null = read(null);
    while (pending) {
      const batch: T[] = await pending;
      const last = batch.at(-1);
      pending = last && batch.length === size ? read({ issuedAt: last.issuedAt, number: last.number }) : null;
      if (batch.length) yield batch;
    }
  }
}

function add(archive: Zip, entry: ZipPassThrough | ZipDeflate, bytes: Uint8Array, modified: Date): void {
  entry.mtime = modified;
  archive.add(entry);
  entry.push(bytes, true);
}
