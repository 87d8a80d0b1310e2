/**
 * The UTC offset of a time zone at an instant, in milliseconds (positive east of Greenwich), read from the
 * runtime's IANA time-zone data through `Intl`.
 *
 * Offsets are parsed here rather than taken from `@date-fns/tz`'s `tzOffset`, which loses the sign of an offset
 * below one hour west of Greenwich ("GMT-00:25:21", Dublin until 1916, reads as +25 minutes) and drops seconds.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatOf(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    } catch {
      throw new RangeError(`Unknown time zone: ${timeZone}`);
    }
    formats.set(timeZone, format);
  }
  return format;
}

// "GMT", "GMT+05:30", "GMT-00:25:21".
const OFFSET = /GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

export function utcOffsetMs(time: number, timeZone: string): number {
  const text = formatOf(timeZone).format(time);
  const match = OFFSET.exec(text);
  if (!match) throw new RangeError(`Unreadable offset '${text}' in ${timeZone}`);
  if (!match[1]) return 0;
  const magnitude = (Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] ?? 0)) * 1000;
  return match[1] === '-' ? -magnitude : magnitude;
}
