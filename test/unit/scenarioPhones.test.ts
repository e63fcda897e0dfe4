import { normalisePhone } from '../../src/contract/phone';
import { IdentifierMint } from '../../src/scenario/identifiers';
import { PHONE_FORMS, rawPhoneForm, writePhone, type PhoneForm, type PhoneSource } from '../../src/scenario/phoneForms';
import { createRandom } from '../../src/scenario/random';

describe('When a phone is written in the forms records hold', () => {
  const mint = new IdentifierMint(3);
  const mainland = Array.from({ length: 200 }, () => mint.phone());
  const mvno = Array.from({ length: 200 }, () => mint.mvnoPhone());
  const forms = Object.keys(PHONE_FORMS) as PhoneForm[];

  test('then every form of every mainland and virtual-operator number normalises back to the same E.164', () => {
    const wrong = [...mainland, ...mvno].flatMap((e164) =>
      forms.map((form) => [e164, writePhone(e164, form)] as const).filter(([, raw]) => normalisePhone(raw) !== e164),
    );
    expect(wrong).toEqual([]);
  });

  test('then the forms are really different strings, as the sources write them', () => {
    const written = new Set(forms.map((form) => writePhone(mainland[0]!, form)));
    expect(written.size).toBe(forms.length);
    expect(writePhone('+8613812345678', 'spaced')).toBe('138 1234 5678');
    expect(writePhone('+8613812345678', 'internationalSpaced')).toBe('+86 138 1234 5678');
    expect(writePhone('+8613812345678', 'doubleZero')).toBe('008613812345678');
  });

  test('then virtual-operator numbers are in the 170/171/162/165/167 ranges and never collide with mainland ones', () => {
    expect(mvno.every((phone) => /^\+86(170|171|162|165|167)\d{8}$/.test(phone))).toBe(true);
    expect(new Set([...mvno, ...mainland]).size).toBe(mvno.length + mainland.length);
  });

  test('then each source writes only its own forms', () => {
    const random = createRandom(1);
    const seen = (source: PhoneSource) => new Set(Array.from({ length: 500 }, () => rawPhoneForm(source, random)));
    expect([...seen('registered')].sort()).toEqual(['national', 'spaced']);
    expect(seen('call').has('doubleZero')).toBe(true);
    expect(seen('call').has('spaced')).toBe(false);
  });

  test('then a number that is not a mainland E.164 number is refused', () => {
    expect(() => writePhone('13812345678', 'national')).toThrow(/not a mainland E.164/);
  });
});
