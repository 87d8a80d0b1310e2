import type { CustomerExportRecord } from '@vmsp/contracts';
import { averageUnitPriceRounded } from '@vmsp/domain';
import {
  type CsvDialect,
  type CsvSeparator,
  csvDialect,
  csvField,
  decimalAmount,
  UTF8_BOM,
} from '../../lib/csv.ts';
import { addressOf } from './customer-views.ts';
import type * as repo from './customers.repository.ts';

/**
 * One customer in the export: every column of the list plus id, contact, address, created date and
 * subscription. Money is a decimal string with two decimals ("450.00") beside its integer cents and currency,
 * so that a spreadsheet reads the amount and a program can add the cents exactly. The average price per IP is
 * the monthly price / total IPs rounded half-up to the cent: for reading, not for adding up.
 */
export function toExportRecord(c: repo.ExportRow): CustomerExportRecord {
  const total = c.ipsInternal + c.ipsExternal;
  const minor = c.monthlyPriceMinor;
  const monthlyPrice = minor === null ? null : decimalAmount(minor);
  const average = minor === null ? null : averageUnitPriceRounded(minor, total);
  return {
    id: c.id,
    companyName: c.companyName,
    contactName: c.contactName,
    contactEmail: c.contactEmail,
    serviceMode: c.serviceMode,
    status: c.status,
    ipsInternal: c.ipsInternal,
    ipsExternal: c.ipsExternal,
    paymentMethod: c.paymentMethod,
    monthlyPrice,
    monthlyPriceMinor: minor,
    currency: minor === null ? null : c.currency,
    averageIpPrice: average === null ? null : decimalAmount(average),
    address: addressOf(c),
    vatId: c.vatId,
    billingAddress: c.billingAddress,
    createdAt: c.createdAt.toISOString(),
    subscription:
      total === 0
        ? null
        : {
            ipsInternal: c.ipsInternal,
            ipsExternal: c.ipsExternal,
            paymentMethod: c.paymentMethod,
            monthlyPrice,
            monthlyPriceMinor: minor,
          },
  };
}

/** Serialises batches of records as one JSON array, a chunk per batch, without holding more than a batch. */
export async function* exportJson(batches: AsyncIterable<CustomerExportRecord[]>): AsyncGenerator<string> {
  yield '[';
  let separator = '\n';
  for await (const batch of batches) {
    yield separator + batch.map((item) => JSON.stringify(item)).join(',\n');
    separator = ',\n';
  }
  yield '\n]\n';
}

/**
 * The CSV's columns, named like the JSON's fields (the addresses flattened, the total of IPs added); the
 * subscription is left out, as it repeats the row's IPs, payment method and price.
 */
const CSV_COLUMNS = [
  'id',
  'companyName',
  'contactName',
  'contactEmail',
  'serviceMode',
  'status',
  'ipsInternal',
  'ipsExternal',
  'ipsTotal',
  'paymentMethod',
  'monthlyPrice',
  'monthlyPriceMinor',
  'currency',
  'averageIpPrice',
  'street',
  'postalCode',
  'city',
  'country',
  'vatId',
  'billingStreet',
  'billingPostalCode',
  'billingCity',
  'billingCountry',
  'createdAt',
] as const;

function csvLine(r: CustomerExportRecord, dialect: CsvDialect): string {
  const text = (value: string | null) => csvField(value ?? '', dialect, true);
  // The record's amounts are "450.00": German Excel reads a number only with its decimal comma.
  const amount = (decimal: string | null) =>
    decimal === null ? '' : decimal.replace('.', dialect.decimalMark);
  const billing = r.billingAddress;
  const fields: Record<(typeof CSV_COLUMNS)[number], string> = {
    id: r.id,
    companyName: text(r.companyName),
    contactName: text(r.contactName),
    contactEmail: text(r.contactEmail),
    serviceMode: r.serviceMode,
    status: r.status,
    ipsInternal: String(r.ipsInternal),
    ipsExternal: String(r.ipsExternal),
    ipsTotal: String(r.ipsInternal + r.ipsExternal),
    paymentMethod: r.paymentMethod,
    monthlyPrice: amount(r.monthlyPrice),
    monthlyPriceMinor: r.monthlyPriceMinor === null ? '' : String(r.monthlyPriceMinor),
    currency: r.currency ?? '',
    averageIpPrice: amount(r.averageIpPrice),
    street: text(r.address.street),
    postalCode: text(r.address.postalCode),
    city: text(r.address.city),
    country: r.address.country,
    vatId: text(r.vatId),
    billingStreet: text(billing?.street ?? null),
    billingPostalCode: text(billing?.postalCode ?? null),
    billingCity: text(billing?.city ?? null),
    billingCountry: billing?.country ?? '',
    createdAt: r.createdAt,
  };
  return CSV_COLUMNS.map((column) => fields[column]).join(dialect.separator);
}

/**
 * The export as CSV: UTF-8 with a byte-order mark (Excel reads UTF-8 only with it), CRLF line ends, a header
 * line, then a chunk per batch, so memory stays flat like the JSON's. `semicolon` writes German Excel's dialect
 * (semicolons, decimal commas).
 */
export async function* exportCsv(
  batches: AsyncIterable<CustomerExportRecord[]>,
  separator: CsvSeparator,
): AsyncGenerator<string> {
  const dialect = csvDialect(separator);
  yield `${UTF8_BOM}${CSV_COLUMNS.join(dialect.separator)}\r\n`;
  for await (const batch of batches) {
    yield batch.map((record) => `${csvLine(record, dialect)}\r\n`).join('');
  }
}
