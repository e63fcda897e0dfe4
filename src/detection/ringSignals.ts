import type { Evidence } from './evidence';
import type { BorrowerRecords } from './borrowerRecords';
import { rowsOf } from './borrowerRecords';
import { largestLockstep, type Lockstep, type TimedComplaint } from './complaintLockstep';
import { templatedMembers, type MemberText } from './complaintTemplates';
import { usageBit } from './identifierLinks';
import type { RingIdentifier } from './ringIdentifiers';
import type { DetectionOptions, SignalName } from './options';

const OPERATED_PHONE = usageBit('complaintPhone') | usageBit('callPhone');
const CONTACT_PHONE = usageBit('contactPhone');

export interface CallTally {
  calls: number;
  voiceChecked: number;
  voiceMismatched: number;
  identityChecked: number;
  identityFailed: number;
}

/** What a ring's evidence shows, before weighting: signal values and the facts behind them. */
export interface RingFindings {
  values: Record<SignalName, number>;
  descriptions: Record<SignalName, string>;
  /** Voices, phones and devices that serve at least `operatorMinMembers` members. */
  operatorVoices: RingIdentifier[];
  operatorPhones: RingIdentifier[];
  sharedDevices: RingIdentifier[];
  adSource: RingIdentifier | undefined;
  lockstep: Lockstep | undefined;
  templated: Set<number>;
  calls: Map<number, CallTally>;
}

export interface RingEvidence {
  evidence: Evidence;
  records: BorrowerRecords;
  options: DetectionOptions;
}

export function ringFindings(members: readonly number[], shared: readonly RingIdentifier[], context: RingEvidence): RingFindings {
  const { options } = context;
  const n = members.length;
  const serving = (kind: RingIdentifier['kind']) =>
    shared.filter((i) => i.kind === kind && i.members.length >= options.operatorMinMembers);
  const operatorVoices = serving('voice');
  const operatorPhones = serving('phone').filter((p) => p.masks.some((m) => (m & (OPERATED_PHONE | CONTACT_PHONE)) !== 0));
  const sharedDevices = serving('device');
  const adSource = largest(shared.filter((i) => i.kind === 'adSource'));
  const calls = tallyCalls(members, context);
  const lockstep = largestLockstep(timedComplaints(members, context), options.lockstepWindowHours * 3_600_000);
  const lockstepSize = lockstep && lockstep.members.size >= options.operatorMinMembers ? lockstep.members.size : 0;
  const templated = templatedMembers(memberTexts(members, context), options.templateJaccard, options.shingleSize, options.maxTextsPerRing);
  const sum = (f: (t: CallTally) => number) => [...calls.values()].reduce((s, t) => s + f(t), 0);
  const voiceChecked = sum((t) => t.voiceChecked);
  const voiceMismatched = sum((t) => t.voiceMismatched);
  const identityChecked = sum((t) => t.identityChecked);
  const identityFailed = sum((t) => t.identityFailed);
  const overdue = overdueCounts(members, context);
  const voiced = coverage(operatorVoices);
  const phoneCredit = operatorPhoneCredit(operatorPhones);
  const deviced = coverage(sharedDevices);
  const adMembers = adSource?.members.length ?? 0;

  const values: Record<SignalName, number> = {
    sharedVoice: voiced.size / n,
    sharedOperatorPhone: phoneCredit.total / n,
    complaintLockstep: lockstepSize / n,
    templateSimilarity: templated.size / n,
    voiceMismatchRate: ratio(voiceMismatched, voiceChecked),
    failedIdentityRate: ratio(identityFailed, identityChecked),
    sharedDevice: deviced.size / n,
    overdueShare: ratio(overdue.overdue, overdue.known),
    specificAdSource: adMembers / n,
  };
  const descriptions: Record<SignalName, string> = {
    sharedVoice: `${voiced.size}/${n} members spoken for by a voice that serves ${options.operatorMinMembers}+ members (${operatorVoices.length} such voice(s))`,
    sharedOperatorPhone: `${phoneCredit.operated}/${n} members complained or called from, and ${phoneCredit.contactOnly} list as contact, a phone serving ${options.operatorMinMembers}+ members`,
    complaintLockstep: lockstepSize
      ? `${lockstepSize}/${n} members complained through channel ${lockstep!.channel} within ${options.lockstepWindowHours} h`
      : `fewer than ${options.operatorMinMembers} members complained through one channel within ${options.lockstepWindowHours} h`,
    templateSimilarity: `${templated.size}/${n} members filed a complaint text nearly identical (shingle Jaccard ≥ ${options.templateJaccard}) to another member's`,
    voiceMismatchRate: `${voiceMismatched}/${voiceChecked} voice-checked calls did not match the borrower's voice`,
    failedIdentityRate: `${identityFailed}/${identityChecked} identity checks on calls failed`,
    sharedDevice: `${deviced.size}/${n} members use a device shared by ${options.operatorMinMembers}+ members`,
    overdueShare: `${overdue.overdue}/${overdue.known} members with a known status are overdue`,
    specificAdSource: adSource
      ? `${adMembers}/${n} members recruited through ad source ${adSource.value} (${adSource.degree} recruits in all)`
      : 'no ad source shared by members',
  };
  return { values, descriptions, operatorVoices, operatorPhones, sharedDevices, adSource, lockstep, templated, calls };
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

function largest(identifiers: RingIdentifier[]): RingIdentifier | undefined {
  let best: RingIdentifier | undefined;
  for (const i of identifiers) if (!best || i.members.length > best.members.length) best = i;
  return best;
}

function coverage(identifiers: readonly RingIdentifier[]): Set<number> {
  const covered = new Set<number>();
  for (const i of identifiers) for (const b of i.members) covered.add(b);
  return covered;
}

/**
 * Full credit to members whose complaints or calls came from an operator phone, half to
 * members who only list it as contact: a household shares a contact number too.
 */
function operatorPhoneCredit(phones: readonly RingIdentifier[]) {
  const operated = new Set<number>();
  const contact = new Set<number>();
  for (const p of phones) {
    p.members.forEach((b, i) => {
      if ((p.masks[i]! & OPERATED_PHONE) !== 0) operated.add(b);
      else if ((p.masks[i]! & CONTACT_PHONE) !== 0) contact.add(b);
    });
  }
  const contactOnly = [...contact].filter((b) => !operated.has(b)).length;
  return { operated: operated.size, contactOnly, total: operated.size + contactOnly / 2 };
}

function tallyCalls(members: readonly number[], { evidence, records }: RingEvidence): Map<number, CallTally> {
  const tallies = new Map<number, CallTally>();
  for (const b of members) {
    const t: CallTally = { calls: 0, voiceChecked: 0, voiceMismatched: 0, identityChecked: 0, identityFailed: 0 };
    for (const row of rowsOf(records.calls, b)) {
      const call = evidence.calls[row]!;
      t.calls++;
      if (call.voiceMatch !== undefined) {
        t.voiceChecked++;
        if (!call.voiceMatch) t.voiceMismatched++;
      }
      if (call.identityVerified !== undefined) {
        t.identityChecked++;
        if (!call.identityVerified) t.identityFailed++;
      }
    }
    tallies.set(b, t);
  }
  return tallies;
}

function timedComplaints(members: readonly number[], { evidence, records }: RingEvidence): TimedComplaint[] {
  const out: TimedComplaint[] = [];
  for (const b of members) {
    for (const row of rowsOf(records.complaints, b)) {
      const c = evidence.complaints[row]!;
      if (c.filedAt) out.push({ member: b, channel: c.channelId, time: Date.parse(c.filedAt) });
    }
  }
  return out;
}

function memberTexts(members: readonly number[], { evidence, records }: RingEvidence): MemberText[] {
  const out: MemberText[] = [];
  for (const b of members) {
    for (const row of rowsOf(records.complaints, b)) {
      const text = evidence.complaints[row]!.text;
      if (text) out.push({ member: b, text });
    }
  }
  return out;
}

function overdueCounts(members: readonly number[], { records }: RingEvidence) {
  let known = 0;
  let overdue = 0;
  for (const b of members) {
    const days = records.profile[b]?.overdueDays;
    if (days === undefined) continue;
    known++;
    if (days > 0) overdue++;
  }
  return { known, overdue };
}
