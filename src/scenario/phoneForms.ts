import type { Random } from './random';

/**
 * Phones as records really hold them. The generator mints every number in E.164; each
 * source then writes it its own way: the loan system stores the 11 digits the borrower
 * typed, a contact typed into a form or imported from an address book comes with spaces,
 * dashes or a country code, a call-detail record carries the carrier's 0086 or 86 prefix,
 * and a regulator's ticket has whatever its clerk typed. Every form is one the contract's
 * normalisation (libphonenumber-js, region CN) reads back to the same E.164 number.
 */

export const PHONE_FORMS = {
  e164: (n: string) => `+86${n}`,
  national: (n: string) => n,
  spaced: (n: string) => `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`,
  dashed: (n: string) => `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`,
  internationalSpaced: (n: string) => `+86 ${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`,
  doubleZero: (n: string) => `0086${n}`,
  doubleZeroSpaced: (n: string) => `0086 ${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`,
  countryCodeNoPlus: (n: string) => `86${n}`,
} as const satisfies Record<string, (national: string) => string>;

export type PhoneForm = keyof typeof PHONE_FORMS;
export type PhoneSource = 'registered' | 'contact' | 'call' | 'complaint';

/** Which non-E.164 forms each source writes, with weights. */
const FORMS_BY_SOURCE: Record<PhoneSource, readonly (readonly [PhoneForm, number])[]> = {
  registered: [['national', 0.9], ['spaced', 0.1]],
  contact: [['national', 0.35], ['spaced', 0.2], ['dashed', 0.15], ['internationalSpaced', 0.15], ['doubleZeroSpaced', 0.05], ['countryCodeNoPlus', 0.1]],
  call: [['doubleZero', 0.35], ['national', 0.4], ['countryCodeNoPlus', 0.25]],
  complaint: [['national', 0.5], ['spaced', 0.2], ['dashed', 0.2], ['internationalSpaced', 0.1]],
};

/** The 11 national digits of a mainland E.164 number. */
const nationalDigits = (e164: string): string => {
  if (!e164.startsWith('+86')) throw new Error(`scenario phone forms: "${e164}" is not a mainland E.164 number`);
  return e164.slice(3);
};

export const writePhone = (e164: string, form: PhoneForm): string => PHONE_FORMS[form](nationalDigits(e164));

/** One of the source's raw forms, drawn by weight. */
export function rawPhoneForm(source: PhoneSource, random: Random): PhoneForm {
  const forms = FORMS_BY_SOURCE[source];
  let u = random.next();
  for (const [form, weight] of forms) if ((u -= weight) < 0) return form;
  return forms[forms.length - 1]![0];
}
