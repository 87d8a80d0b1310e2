import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/connection.ts';

/**
 * Takes the next `count` invoice sequence numbers of `year`, in the caller's transaction (the one that issues
 * the invoices). One upsert on the year's counter row: it creates the row for a year's first invoice and
 * otherwise moves `last_seq` on by `count`, holding the row's lock until the transaction ends. So
 * - numbers are gapless and strictly increasing per year: a concurrent issuer on any instance waits for the
 *   lock and continues after the committed value;
 * - a rollback gives its numbers back together with the invoices that carried them: no number is ever seen
 *   on two invoices, and none is skipped.
 * Take them only for invoices actually written in this transaction; a number taken and not used is a gap.
 */
export async function takeInvoiceNumbers(tx: Tx, year: number, count: number): Promise<number[]> {
  if (!Number.isInteger(count) || count < 0) throw new Error(`invalid invoice number count ${count}`);
  if (count === 0) return [];
  const [row] = await queryRows<{ last_seq: number }>(
    tx,
    sql`insert into invoice_number_counters as c (year, last_seq) values (${year}, ${count})
        on conflict (year) do update set last_seq = c.last_seq + ${count}
        returning c.last_seq`,
  );
  if (!row) throw new Error('the invoice number counter returned no row');
  const last = Number(row.last_seq);
  return Array.from({ length: count }, (_, i) => last - count + 1 + i);
}
