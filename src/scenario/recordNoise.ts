import type { Borrower, Call, Complaint, DeviceLink, PhoneLink, Recruitment } from '../contract/ingestBatch';
import type { Evidence } from '../contract/evidence';
import { channelIdsOfKind } from './channels';
import type { ScenarioParams } from './params';
import { rawPhoneForm, writePhone, type PhoneSource } from './phoneForms';
import type { Random } from './random';

/**
 * Partial evidence and raw phone forms, applied to every record of a chunk alike. The
 * platform's systems lose fields whoever the borrower is, so missingness is drawn per
 * record, never per role: it must not itself give a gang away. Draws come from a stream
 * of their own; with every rate at 0 there is no pass at all.
 */

const IN_APP = new Set(channelIdsOfKind('in_app'));

/** A copy of the record without the named fields: records stay plain objects with only the fields they hold. */
function without<T extends object>(record: T, drop: readonly (keyof T)[]): T {
  if (drop.length === 0) return record;
  const copy = { ...record };
  for (const key of drop) delete copy[key];
  return copy;
}

export function recordNoise(params: ScenarioParams, random: Random): ((chunk: Evidence) => Evidence) | null {
  const g = params.gaps;
  const f = params.phoneForms;
  const rates = [...Object.values(g), f.registered, f.contact, f.call, f.complaint];
  if (rates.every((rate) => rate === 0)) return null;

  const lose = (rate: number) => rate > 0 && random.chance(rate);
  const phone = (e164: string, source: PhoneSource): string => (lose(f[source]) ? writePhone(e164, rawPhoneForm(source, random)) : e164);

  const borrower = (b: Borrower): Borrower => {
    const drop: (keyof Borrower)[] = [];
    if (lose(g.nameMissing)) drop.push('name');
    if (lose(g.overdueMissing)) drop.push('overdueDays');
    if (lose(g.principalMissing)) drop.push('outstandingPrincipal');
    return without(b, drop);
  };
  const phoneLink = (l: PhoneLink): PhoneLink => ({ ...l, phone: phone(l.phone, l.role === 'contact' ? 'contact' : 'registered') });
  const deviceLink = (l: DeviceLink): DeviceLink => (lose(g.deviceSeenMissing) ? without(l, ['seenAt']) : l);
  const recruitment = (r: Recruitment): Recruitment => (lose(g.recruitmentTimeMissing) ? without(r, ['at']) : r);
  const complaint = (c: Complaint): Complaint => {
    const drop: (keyof Complaint)[] = [];
    if (lose(g.complaintTimeMissing)) drop.push('filedAt');
    if (lose(g.complaintTextMissing)) drop.push('text');
    if (lose(g.complaintPhoneMissing)) drop.push('phone');
    if (lose(IN_APP.has(c.channelId) ? g.complaintDeviceMissingInApp : g.complaintDeviceMissingExternal)) drop.push('deviceId');
    const kept = without(c, drop);
    return kept.phone === undefined ? kept : { ...kept, phone: phone(kept.phone, 'complaint') };
  };
  const call = (c: Call): Call => {
    const drop: (keyof Call)[] = [];
    if (lose(g.callVoiceprintMissing)) {
      drop.push('voiceprintId');
      if (!random.chance(g.voiceMatchKeptWithoutVoiceprint)) drop.push('voiceMatch');
    }
    if (lose(g.identityCheckMissing)) drop.push('identityVerified');
    if (lose(g.callTimeMissing)) drop.push('at');
    const kept = without(c, drop);
    return kept.phone === undefined ? kept : { ...kept, phone: phone(kept.phone, 'call') };
  };

  return (chunk) => ({
    ...chunk,
    borrowers: chunk.borrowers.map(borrower),
    phoneLinks: chunk.phoneLinks.map(phoneLink),
    deviceLinks: chunk.deviceLinks.map(deviceLink),
    recruitments: chunk.recruitments.filter(() => !lose(g.recruitmentMissing)).map(recruitment),
    complaints: chunk.complaints.map(complaint),
    calls: chunk.calls.map(call),
  });
}
