import { createHash } from 'node:crypto';
import type { Hub, IdentifierRef, MemberReason, RingTool } from '../contract/ring';

/**
 * What a reader may see of personal data: names, phone numbers, ID-number hashes, and
 * free texts (complaints, review notes), which may quote any of them. Viewers get masked
 * values that still let them tell records apart and follow a ring's structure, and no
 * free text; investigators and admins see everything. Masking works on the fields that
 * hold personal data, field by field, never by searching text for things that look like it.
 */
export interface Redactor {
  readonly masked: boolean;
  name(value: string | null): string | null;
  phone(value: string): string;
  idHash(value: string | null): string | null;
  /** Free text written by people: withheld (null) for viewers. */
  freeText(value: string | null): string | null;
  /** A stable key for a phone in graph ids: the number itself, or a pseudonym. */
  phoneKey(value: string): string;
}

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
  freeText: (v) => v,
  phoneKey: (v) => v,
};

export const maskedAccess: Redactor = {
  masked: true,
  name: (v) => (v === null ? null : maskName(v)),
  phone: maskPhone,
  idHash: (v) => (v === null ? null : '********'),
  freeText: () => null,
  phoneKey: pseudonym,
};

/** Of the identifiers a ring can share, phone numbers are personal data; devices, voiceprints, ad sources and campaigns are platform ids. */
export const redactIdentifier = <T extends IdentifierRef>(ref: T, redactor: Redactor): T => (ref.kind === 'phone' ? { ...ref, id: redactor.phone(ref.id) } : ref);

export const redactTool = (tool: RingTool, redactor: Redactor): RingTool => redactIdentifier(tool, redactor);

export const redactReason = (reason: MemberReason, redactor: Redactor): MemberReason =>
  reason.kind === 'sharedIdentifier' ? { ...reason, identifier: redactIdentifier(reason.identifier, redactor) } : reason;

export const redactHub = (hub: Hub, redactor: Redactor): Hub => redactIdentifier(hub, redactor);
