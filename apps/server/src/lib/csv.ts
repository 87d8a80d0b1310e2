/**
 * Writing CSV for spreadsheets (RFC 4180 lines ended by CRLF). Two dialects: `comma` (commas between fields,
 * decimal points) and `semicolon`, German Excel's (semicolons between fields, decimal commas), which opens a
 * file with a double click only in its own dialect.
 */
export type CsvSeparator = 'comma' | 'semicolon';

export interface CsvDialect {
  separator: ',' | ';';
  decimalMark: '.' | ',';
}

export const csvDialect = (separator: CsvSeparator): CsvDialect =>
  separator === 'semicolon' ? { separator: ';', decimalMark: ',' } : { separator: ',', decimalMark: '.' };

/** Excel reads a CSV file as UTF-8 only when it starts with a byte-order mark. */
export const UTF8_BOM = '\uFEFF';

/**
 * One field. Text a person typed that a spreadsheet would run as a formula (starting with = + - @ or a tab or
 * carriage return) gets an apostrophe in front; a field holding the separator, a quote or a line break is quoted.
 */
export function csvField(value: string, dialect: CsvDialect, isText: boolean): string {
  const safe = isText && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return safe.includes(dialect.separator) || /["\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Minor units as a decimal string with two decimals, exactly (no float): 45000 → "450.00", -5 → "-0.05". */
export function decimalAmount(minor: number, decimalMark: '.' | ',' = '.'): string {
  const abs = Math.abs(minor);
  const units = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${minor < 0 ? '-' : ''}${units}${decimalMark}${cents}`;
}
