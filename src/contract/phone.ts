import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Mainland China is the platform's home market: a number written without a country
 * code (13800000000, 010-12345678) is read as a Chinese number.
 */
export const DEFAULT_PHONE_REGION = 'CN';

/**
 * Numbers already normalised, as written. A day's records name the same numbers again
 * and again (a borrower's phone link, then their calls and complaints from it: about half
 * of them repeat one written before), and parsing with the full metadata is the costliest
 * step of checking a record. Bounded: emptied when full.
 */
const normalised = new Map<string, string | null>();
const MAX_REMEMBERED = 100_000;

/**
 * Normalises a phone number to E.164, or returns null when it is not a valid number.
 * The full ("max") metadata is used on purpose: it knows which prefixes are assigned,
 * so "12000000000" is rejected instead of being stored as a plausible-looking phone.
 */
export function normalisePhone(raw: string): string | null {
  const known = normalised.get(raw);
  if (known !== undefined) return known;
  const parsed = parsePhoneNumberFromString(raw, DEFAULT_PHONE_REGION);
  const number = parsed && parsed.isValid() ? parsed.number : null;
  if (normalised.size >= MAX_REMEMBERED) normalised.clear();
  normalised.set(raw, number);
  return number;
}
