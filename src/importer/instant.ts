/**
 * The order Neo4j gives two date-times, for the device sightings the importer folds into
 * one USED_DEVICE window as cypher/ingest/deviceLinks.cypher does. Neo4j compares the
 * instant first and, for one instant written with two offsets, the offset (-01:00 before
 * Z before +02:00); Date.parse would lose the nanoseconds and that tie-break.
 */

/** The only shape the contract accepts (src/contract/timestamp.ts): seconds, up to nine fractional digits, Z or ±HH:MM. */
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [epoch seconds, nanoseconds, offset seconds]: compared in that order, as Neo4j orders date-times. */
export type InstantKey = readonly [number, number, number];

export function instantKey(value: string): InstantKey {
  const m = ISO.exec(value);
  if (!m) throw new Error(`not a contract date-time: ${value}`);
  const [, y, mo, d, h, mi, s, fraction = '', sign, oh, om] = m;
  const offset = sign ? (sign === '-' ? -1 : 1) * (Number(oh) * 3600 + Number(om) * 60) : 0;
  const local = daysFromCivil(Number(y), Number(mo), Number(d)) * 86_400 + Number(h) * 3600 + Number(mi) * 60 + Number(s);
  return [local - offset, Number(fraction.padEnd(9, '0')), offset];
}

export function compareInstants(a: InstantKey, b: InstantKey): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}
