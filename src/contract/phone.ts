import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Mainland China is the platform's home market: a number written without a country
 * code (13800000000, 010-12345678) is read as a Chinese number.
 */
export const DEFAULT_PHONE_REGION = 'CN';

/**
 * Normalises a phone number to E.164, or returns null when it is not a valid number.
 * The full ("max") metadata is used on purpose: it knows which prefixes are assigned,
 * so "12000000000" is rejected instead of being stored as a plausible-looking phone.
 */
export function normalisePhone(raw: string): string | null {
  const parsed = parsePhoneNumberFromString(raw, DEFAULT_PHONE_REGION);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}
