import type { Evidence } from '../contract/evidence';
import type { BorrowerRecords } from './borrowerRecords';
import { rowsOf } from './borrowerRecords';
import { largestLockstep, type Lockstep, type TimedComplaint } from './complaintLockstep';
import { templatedMembers, type MemberText } from './complaintTemplates';
import { usageBit } from './identifierLinks';
import type { RingIdentifier } from './ringIdentifiers';
import { actedThrough } from './ringCore';
import { toolCredit } from './toolCredit';
import type { DetectionOptions, SignalName } from './options';

const ACTING_PHONE = usageBit('complaintPhone') | usageBit('callPhone');

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
  lockstep: Lockstep | undefined;
  templated: Set<number>;
  calls: Map<number, CallTally>;
}

export interface RingEvidence {
  evidence: Evidence;
  records: BorrowerRecords;
  /** Complaints are grouped by channel kind when known: an agent spreads a batch over regulators. */
  channelGroup: Map<string, string>;
  options: DetectionOptions;
}

export function channelGroups(evidence: Evidence): Map<string, string> {
  return new Map(evidence.complaintChannels.map((c) => [c.id, c.kind ?? c.id]));
}

export function ringFindings(members: readonly number[], shared: readonly RingIdentifier[], context: RingEvidence): RingFindings {
  const { options } = context;
  const n = members.length;
  const fullAt = options.operatorMinMembers;
  const ofKind = (kind: RingIdentifier['kind']) => shared.filter((i) => i.kind === kind);
  // A phone counts once someone acted through it; members who only list it as contact earn half.
  const voices = toolCredit(ofKind('voice'), fullAt, () => 1);
  const phones = toolCredit(ofKind('phone').filter(actedThrough), fullAt, (_, mask) => ((mask & ACTING_PHONE) !== 0 ? 1 : 0.5));
  // A device the agent filed complaints from counts fully; a shared login (a family tablet) half.
  const devices = toolCredit(ofKind('device'), fullAt, (tool) => (actedThrough(tool) ? 1 : 0.5));
  const adSource = largest(ofKind('adSource'));
  const calls = tallyCalls(members, context);
  const lockstep = largestLockstep(timedComplaints(members, context), options.lockstepWindowHours * 3_600_000);
  const lockstepSize = lockstep && lockstep.members.size >= fullAt ? lockstep.members.size : 0;
  const templated = templatedMembers(memberTexts(members, context), options.templateJaccard, options.shingleSize, options.maxTextsPerRing);
  // Per member, not per call: an operated identity also has its owner's honest calls, and
  // one failed check among them already says someone else was on the line.
  const voiceChecked = countMembers(calls, (t) => t.voiceChecked > 0);
  const voiceMismatched = countMembers(calls, (t) => t.voiceMismatched > 0);
  const identityChecked = countMembers(calls, (t) => t.identityChecked > 0);
  const identityFailed = countMembers(calls, (t) => t.identityFailed > 0);
  const overdue = overdueCounts(members, context);
  const adMembers = adSource?.members.length ?? 0;
  const share = (x: number) => `${(Math.round((x / n) * 100) / 100).toFixed(2)}`;

  const values: Record<SignalName, number> = {
    sharedVoice: voices.total / n,
    sharedOperatorPhone: phones.total / n,
    complaintLockstep: lockstepSize / n,
    templateSimilarity: templated.size / n,
    voiceMismatchRate: ratio(voiceMismatched, voiceChecked),
    failedIdentityRate: ratio(identityFailed, identityChecked),
    sharedDevice: devices.total / n,
    overdueShare: ratio(overdue.overdue, overdue.known),
    specificAdSource: adMembers / n,
  };
  const credited = (what: string, credit: { byMember: Map<number, number>; total: number }) =>
    `${credit.byMember.size}/${n} members ${what} (credit ${share(credit.total)}: full when it serves ${fullAt}+ members, half for two)`;
  const descriptions: Record<SignalName, string> = {
    sharedVoice: credited('spoken for by a voice that also speaks for other members', voices),
    sharedOperatorPhone: credited('tied to a phone used to complain or call for other members (half credit as contact only)', phones),
    complaintLockstep: lockstepSize
      ? `${lockstepSize}/${n} members complained through ${lockstep!.channel} channels within ${options.lockstepWindowHours} h`
      : `fewer than ${fullAt} members complained through one kind of channel within ${options.lockstepWindowHours} h`,
    templateSimilarity: `${templated.size}/${n} members filed a complaint text nearly identical (shingle Jaccard ≥ ${options.templateJaccard}) to another member's`,
    voiceMismatchRate: `${voiceMismatched}/${voiceChecked} voice-checked members had a call whose voice did not match theirs`,
    failedIdentityRate: `${identityFailed}/${identityChecked} identity-checked members failed a check on a call`,
    sharedDevice: credited('use a device shared with other members (half credit if nobody complained from it)', devices),
    overdueShare: `${overdue.overdue}/${overdue.known} members with a known status are overdue`,
    specificAdSource: adSource
      ? `${adMembers}/${n} members recruited through ad source ${adSource.value} (${adSource.degree} recruits in all)`
      : 'no ad source shared by members',
  };
  return { values, descriptions, lockstep, templated, calls };
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

function countMembers(calls: Map<number, CallTally>, test: (t: CallTally) => boolean): number {
  let count = 0;
  for (const t of calls.values()) if (test(t)) count++;
  return count;
}

function largest(identifiers: RingIdentifier[]): RingIdentifier | undefined {
  let best: RingIdentifier | undefined;
  for (const i of identifiers) if (!best || i.members.length > best.members.length) best = i;
  return best;
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

function timedComplaints(members: readonly number[], context: RingEvidence): TimedComplaint[] {
  const { evidence, records } = context;
  const out: TimedComplaint[] = [];
  for (const b of members) {
    for (const row of rowsOf(records.complaints, b)) {
      const c = evidence.complaints[row]!;
      if (c.filedAt) out.push({ member: b, channel: context.channelGroup.get(c.channelId) ?? c.channelId, time: Date.parse(c.filedAt) });
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
