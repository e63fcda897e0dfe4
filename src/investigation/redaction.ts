import { createHash } from 'node:crypto';

/**
 * What a reader may see of personal data (names, phone numbers, ID-number hashes).
 * Viewers get masked values that still let them tell records apart and follow a ring's
 * structure; investigators and admins see everything.
 */
export interface Redactor {
  readonly masked: boolean;
  name(value: string | null): string | null;
  phone(value: string): string;
  idHash(value: string | null): string | null;
  /** Free text (complaints, reasons, notes) may quote phone numbers. */
  text(value: string): string;
  /** A stable key for a phone in graph ids: the number itself, or a pseudonym. */
  phoneKey(value: string): string;
}

/** Runs of 7+ digits (with an optional +) are phone-number-like; short figures such as amounts stay. */
const PHONE_LIKE = /\+?\d[\d\s-]{5,}\d/g;

/** +8613812345678 → +86138****5678: the carrier prefix and last four, as Chinese receipts print them. */
export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 8) return '*'.repeat(digits.length);
  const country = value.startsWith('+86') ? '+86' : value.startsWith('+') ? '+' : '';
  const national = country === '+86' ? digits.slice(2) : digits;
  return `${country}${national.slice(0, 3)}****${national.slice(-4)}`;
}

/** 王小明 → 王**: the surname, as on Chinese notices. */
export const maskName = (value: string): string => (value.length <= 1 ? '*' : `${[...value][0]}${'*'.repeat([...value].length - 1)}`);

const pseudonym = (value: string): string => `#${createHash('sha256').update(value).digest('hex').slice(0, 10)}`;

export const fullAccess: Redactor = {
  masked: false,
  name: (v) => v,
  phone: (v) => v,
  idHash: (v) => v,
  text: (v) => v,
  phoneKey: (v) => v,
};

export const maskedAccess: Redactor = {
  masked: true,
  name: (v) => (v === null ? null : maskName(v)),
  phone: maskPhone,
  idHash: (v) => (v === null ? null : '********'),
  text: (v) => v.replace(PHONE_LIKE, (m) => maskPhone(m)),
  phoneKey: pseudonym,
};
