import { mix32 } from './random';

/**
 * Ids and numbers for the scenario. Phones, devices and voiceprints come from one
 * counter each, scrambled by a bijection (salted per kind): they never collide, and an id says nothing
 * about whether it belongs to a gang, a household or an ordinary borrower.
 */

/** Mainland mobile prefixes; every number under them is valid in libphonenumber's full metadata. */
const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156',
  '157', '158', '159', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188', '189',
] as const;

/** Virtual-operator (MVNO) ranges: cheap SIMs sold online, common with agents and with ordinary people alike. */
const MVNO_PREFIXES = ['170', '171', '162', '165', '167'] as const;

/** Odd and not a multiple of 5, so n ↦ n·M mod 10^8 permutes the 8-digit subscriber numbers. */
const SUBSCRIBER_MULTIPLIER = 73_939_133;
const SUBSCRIBERS = 100_000_000;

const hex8 = (value: number): string => value.toString(16).padStart(8, '0');

export const borrowerId = (index: number): string => `b${String(index + 1).padStart(7, '0')}`;

export class IdentifierMint {
  private phones = 0;
  private mvnoPhones = 0;
  private devices = 0;
  private voiceprints = 0;
  private adSources = 0;
  private calls = 0;
  private complaints = 0;
  private readonly salt: number;

  constructor(seed: number) {
    this.salt = mix32(seed + 0x51ed270b);
  }

  /** An E.164 mainland mobile number, unique within the scenario. */
  phone(): string {
    const n = this.phones++;
    const prefix = MOBILE_PREFIXES[n % MOBILE_PREFIXES.length]!;
    // (n mod 30, n·M mod 10^8) repeats only after lcm(30, 10^8) = 3·10^8 phones; reducing n first keeps the product exact.
    const subscriber = (((n % SUBSCRIBERS) * SUBSCRIBER_MULTIPLIER) % SUBSCRIBERS + (this.salt % SUBSCRIBERS)) % SUBSCRIBERS;
    return `+86${prefix}${String(subscriber).padStart(8, '0')}`;
  }

  /** An E.164 number in a virtual-operator range; its own counter, so minting one leaves mainland numbers as they were. */
  mvnoPhone(): string {
    const n = this.mvnoPhones++;
    const prefix = MVNO_PREFIXES[n % MVNO_PREFIXES.length]!;
    const subscriber = (((n % SUBSCRIBERS) * SUBSCRIBER_MULTIPLIER) % SUBSCRIBERS + (this.salt % SUBSCRIBERS)) % SUBSCRIBERS;
    return `+86${prefix}${String(subscriber).padStart(8, '0')}`;
  }

  device(): string {
    return `dev-${hex8(mix32(this.devices++ ^ this.salt ^ 0x0de71ce5))}`;
  }

  voiceprint(): string {
    return `vp-${hex8(mix32(this.voiceprints++ ^ this.salt ^ 0x701ce))}`;
  }

  adSource(): string {
    return `ad-${hex8(mix32(this.adSources++ ^ this.salt ^ 0xad50))}`;
  }

  callId(): string {
    return `call${String(++this.calls).padStart(8, '0')}`;
  }

  complaintId(): string {
    return `cmp${String(++this.complaints).padStart(7, '0')}`;
  }

  /** Stands in for a hashed national id number: stable per borrower, unique, opaque. */
  idNumberHash(index: number): string {
    return hex8(mix32(index ^ this.salt)) + hex8(mix32(index ^ ~this.salt));
  }
}

export const YEAR_START = Date.UTC(2024, 0, 1);
export const DAY_MS = 86_400_000;
export const DAYS_IN_YEAR = 366;

/** A moment of 2024 given as a (fractional) day of the year, to the second. */
export function dayToIso(day: number): string {
  const clamped = Math.min(Math.max(day, 0), DAYS_IN_YEAR - 1e-6);
  return new Date(YEAR_START + Math.floor((clamped * DAY_MS) / 1000) * 1000).toISOString().slice(0, 19) + 'Z';
}
