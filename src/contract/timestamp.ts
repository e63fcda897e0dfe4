import { z } from 'zod';

/**
 * An ISO-8601 date-time with an offset, restricted to what Neo4j's datetime() accepts.
 * zod's format alone lets through offsets up to ±23:59 and any number of fractional
 * digits; Neo4j (java.time) takes offsets within ±18:00 and at most nanoseconds, and
 * refuses the rest on write, which used to turn a valid-looking batch into a 500.
 */

export const MAX_OFFSET_MINUTES = 18 * 60;
export const MAX_FRACTION_DIGITS = 9;

const OFFSET = /([+-])(\d{2}):?(\d{2})$/;
const FRACTION = /\.(\d+)/;

/** Minutes east of UTC, or 0 for `Z`. */
export function offsetMinutes(value: string): number {
  const match = OFFSET.exec(value);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

export const fractionDigits = (value: string): number => FRACTION.exec(value)?.[1]?.length ?? 0;

export const Timestamp = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 date-time, e.g. 2024-02-01T09:00:00Z' })
  .refine((v) => Math.abs(offsetMinutes(v)) <= MAX_OFFSET_MINUTES, { message: 'must have a UTC offset within ±18:00' })
  .refine((v) => fractionDigits(v) <= MAX_FRACTION_DIGITS, { message: `must have at most ${MAX_FRACTION_DIGITS} fractional digits of a second (nanoseconds)` });
