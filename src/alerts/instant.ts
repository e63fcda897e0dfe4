/**
 * Cursors and `since` carry instants as epoch milliseconds or date-times; any of them reads
 * as an instant within years 0000–9999, the range Neo4j's datetime() stores, so a client's
 * far-off date narrows a page instead of failing it.
 */
const EARLIEST = Date.parse('0000-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

export const instantOf = (ms: number): string => new Date(Math.min(LATEST, Math.max(EARLIEST, Math.trunc(ms)))).toISOString();

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/**
 * An RFC 3339 date-time as epoch milliseconds (null when it is not one): either case of T
 * and Z, any offset, any number of fractional digits, and a leap second read as the second
 * before it, so every value a client may take for `format: date-time` is understood.
 */
export function dateTimeMs(text: string): number | null {
  if (!DATE_TIME.test(text)) return null;
  const ms = Date.parse(text.toUpperCase().replace(' ', 'T').replace(/:60(?=[.Z+-])/, ':59'));
  return Number.isNaN(ms) ? null : ms;
}
