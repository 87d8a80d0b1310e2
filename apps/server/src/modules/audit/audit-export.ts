import type { AuditEntry } from '@vmsp/contracts';
import { type CsvSeparator, csvDialect, csvField, UTF8_BOM } from '../../lib/csv.ts';

/**
 * The CSV's columns, named like the API's fields. The instant is ISO 8601 in UTC; before and after are the JSON
 * the entry recorded, so that nothing the log holds is lost in the file.
 */
const COLUMNS = [
  'at',
  'actorEmail',
  'actorId',
  'action',
  'objectType',
  'objectId',
  'objectName',
  'before',
  'after',
] as const;

const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));

/**
 * The export (UTF-8 with a byte-order mark, so that Excel reads it as UTF-8; lines ended by CRLF), a chunk per
 * batch. Every field is text a person may have typed (a company name, a reason), so each gets the formula guard.
 */
export async function* auditCsv(
  batches: AsyncIterable<AuditEntry[]>,
  separator: CsvSeparator,
): AsyncGenerator<string> {
  const dialect = csvDialect(separator);
  const line = (fields: string[]) =>
    `${fields.map((f) => csvField(f, dialect, true)).join(dialect.separator)}\r\n`;
  yield UTF8_BOM + line([...COLUMNS]);
  for await (const batch of batches) {
    yield batch
      .map((e) =>
        line([
          e.at,
          e.actorEmail ?? '',
          e.actorId ?? '',
          e.action,
          e.objectType,
          e.objectId ?? '',
          e.objectName ?? '',
          json(e.before),
          json(e.after),
        ]),
      )
      .join('');
  }
}
