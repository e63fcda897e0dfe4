import type { Evidence } from '../contract/evidence';
import type { Campaign, SignalName, UnobservedReason } from '../contract/ring';
import type { BorrowerRecords } from './borrowerRecords';
import { rowsOf } from './borrowerRecords';
import { largestLockstep, type Lockstep, type TimedComplaint } from './complaintLockstep';
import { nearDuplicateGroups, type ComplaintShingles } from './complaintTemplates';
import { usageBit } from './identifierLinks';
import type { RingIdentifier } from './ringIdentifiers';
import { actedThrough } from './ringCore';
import { toolCredit } from './toolCredit';
import type { DetectionOptions } from './options';

const ACTING_PHONE = usageBit('complaintPhone') | usageBit('callPhone');
const COMPLAINT_TOOL = usageBit('complaintPhone') | usageBit('complaintDevice');

export interface CallTally {
  calls: number;
  voiceprinted: number;
  voiceChecked: number;
  voiceMismatched: number;
  identityChecked: number;
  identityFailed: number;
}

/** What one signal shows for a ring before weighting: `count` of `of` members, or why it could not be seen. */
export interface Observation {
  observed: boolean;
  unobservedBecause: UnobservedReason | null;
  value: number | null;
  count: number;
  of: number;
  channelKind: string | null;
  windowHours: number | null;
  adSourceId: string | null;
  adSourceRecruits: number | null;
}

export interface RingFindings {
  observations: Record<SignalName, Observation>;
  lockstep: Lockstep | undefined;
  /** Members whose complaint text is a near-duplicate of another member's. */
  templated: Set<number>;
  calls: Map<number, CallTally>;
  campaign: Campaign;
}

export interface RingEvidence {
  evidence: Evidence;
  records: BorrowerRecords;
  shingles: ComplaintShingles;
  /** Complaints are grouped by channel kind when known: an agent spreads a batch over regulators. */
  channelGroup: Map<string, string>;
  options: DetectionOptions;
}

export function channelGroups(evidence: Evidence): Map<string, string> {
  return new Map(evidence.complaintChannels.map((c) => [c.id, c.kind ?? c.id]));
}

const NONE = { channelKind: null, windowHours: null, adSourceId: null, adSourceRecruits: null };

/**
 * `count` of `of` members; unobservable when fewer than `least` members have the records
 * the signal needs. `credit` is the value's numerator when members earn partial credit
 * (a tool shared by two is half a pattern), and `count` otherwise.
 */
function observe(count: number, of: number, missing: UnobservedReason, least = 1, detail: Partial<Observation> = {}, credit = count): Observation {
  if (of < least) return { observed: false, unobservedBecause: missing, value: null, count: 0, of, ...NONE, ...detail };
  return { observed: true, unobservedBecause: null, value: Math.min(1, credit / of), count, of, ...NONE, ...detail };
}

const credited = (credit: { byMember: Map<number, number>; total: number }, of: number, missing: UnobservedReason) =>
  observe(credit.byMember.size, of, missing, 2, {}, credit.total);

/**
 * What a ring's evidence shows, signal by signal. Each signal is measured over the
 * members for whom it could be seen: a voice signal over members whose calls carry a
 * voiceprint, a template signal over members whose complaints carry a text. When no
 * member (or, for a shared tool, fewer than two) has the records, the signal is reported
 * as unobserved, with the reason, and the score is taken over the others.
 */
export function ringFindings(members: readonly number[], shared: readonly RingIdentifier[], context: RingEvidence): RingFindings {
  const { options } = context;
  const fullAt = options.operatorMinMembers;
  const ofKind = (kind: RingIdentifier['kind']) => shared.filter((i) => i.kind === kind);
  const has = memberRecords(members, context);
  // A phone counts once someone acted through it; members who only list it as contact earn half.
  const voices = toolCredit(ofKind('voice'), fullAt, () => 1);
  const phones = toolCredit(ofKind('phone').filter(actedThrough), fullAt, (_, mask) => ((mask & ACTING_PHONE) !== 0 ? 1 : 0.5));
  // A device the agent filed complaints from counts fully; a shared login (a family tablet) half.
  const devices = toolCredit(ofKind('device'), fullAt, (tool) => (actedThrough(tool) ? 1 : 0.5));
  const adSource = largest(ofKind('adSource'));
  const calls = tallyCalls(members, context);
  const timed = timedComplaints(members, context);
  const lockstep = largestLockstep(timed, options.lockstepWindowHours * 3_600_000);
  const lockstepSize = lockstep?.members.size ?? 0;
  // Three in one window is a pattern; two is half of one (a couple may complain together).
  const lockstepCredit = lockstepSize >= fullAt ? lockstepSize : lockstepSize === 2 ? 1 : 0;
  const templated = templatedMembers(members, context);
  // Per member, not per call: an operated identity also has its owner's honest calls, and
  // one failed check among them already says someone else was on the line.
  const count = (test: (t: CallTally) => boolean) => [...calls.values()].filter(test).length;
  const complainants = members.filter((b) => has.complaint.has(b)).length;

  const observations: Record<SignalName, Observation> = {
    sharedVoice: credited(voices, has.voiceprint.size, 'noVoiceprints'),
    sharedOperatorPhone: credited(phones, has.phone.size, 'noPhoneRecords'),
    sharedDevice: credited(devices, has.device.size, 'noDeviceRecords'),
    voiceMismatchRate: observe(count((t) => t.voiceMismatched > 0), count((t) => t.voiceChecked > 0), 'noVoiceChecks'),
    failedIdentityRate: observe(count((t) => t.identityFailed > 0), count((t) => t.identityChecked > 0), 'noIdentityChecks'),
    complaintLockstep: observe(
      lockstepCredit > 0 ? lockstepSize : 0,
      new Set(timed.map((t) => t.member)).size,
      'noTimedComplaints',
      2,
      { channelKind: lockstepCredit > 0 ? lockstep!.channel : null, windowHours: options.lockstepWindowHours },
      lockstepCredit,
    ),
    templateSimilarity: observe(templated.size, has.text.size, 'noComplaintTexts', 2),
    specificAdSource: observe(adSource?.members.length ?? 0, has.recruitment.size, 'noRecruitments', 2, {
      adSourceId: adSource?.value ?? null,
      adSourceRecruits: adSource?.degree ?? null,
    }),
    complaintCoverage: observe(complainants, members.length, 'noTimedComplaints'),
    overdueShare: observe(has.overdue, has.overdueKnown, 'noOverdueStatus'),
  };
  const recruitedTogether = (adSource?.members.length ?? 0) >= Math.max(fullAt, members.length / 2);
  // Someone else demonstrably acts for members: a voice, phone or handset in common, or a voice that is not theirs.
  const operatorSeen = voices.total + phones.total + devices.total > 0 || count((t) => t.voiceMismatched > 0) > 0;
  const campaign = describeCampaign(members, shared, context, { complainants, templated, lockstepSize, recruitedTogether, operatorSeen });
  return { observations, lockstep: lockstepCredit > 0 ? lockstep : undefined, templated, calls, campaign };
}

/**
 * A complaint campaign: several members complained, and their complaints were
 * coordinated (filed from one template, within one window through one kind of channel,
 * from phones and devices they share, or as one flyer's recruitment campaign, which
 * counts when the members' texts also match or an operator shows: honest recruits of a
 * flyer can complain in one month by chance, in their own words and their own voices);
 * or most members were recruited together
 * through one small ad source and someone filed a complaint for one of them from a phone
 * or device the ring shares — a gang whose other complaints went where the platform
 * does not see them. A broker's clients, recruited by the broker's flyer, one of whom
 * complains from their own phone, are not; nor are families and caregivers who handle
 * several identities without complaining.
 */
function describeCampaign(
  members: readonly number[],
  shared: readonly RingIdentifier[],
  { evidence, records, options }: RingEvidence,
  facts: { complainants: number; templated: Set<number>; lockstepSize: number; recruitedTogether: boolean; operatorSeen: boolean },
): Campaign {
  const complainedThrough = shared.map((i) => i.masks.filter((m) => (m & COMPLAINT_TOOL) !== 0).length);
  const throughSharedTool = complainedThrough.some((n) => n >= 2);
  // A recruitment campaign is coordination by construction: one flyer's recruits complaining in one window.
  const throughCampaign = shared.some((i) => i.kind === 'template' && i.members.length >= 2) && (facts.templated.size >= 2 || facts.operatorSeen);
  // Two people complaining in the same week is a coincidence often enough; two of a pair need more than timing.
  const lockstepCounts = facts.lockstepSize >= 2 && (members.length >= 3 || facts.operatorSeen);
  const complaintsAgree = facts.templated.size >= 2 || lockstepCounts || throughSharedTool || throughCampaign;
  const operatorFiled = complainedThrough.some((n) => n >= 1);
  const coordinated =
    (complaintsAgree && facts.complainants >= options.campaignMinComplainants) || (facts.recruitedTogether && operatorFiled);
  let complaints = 0;
  let firstAt: string | null = null;
  let lastAt: string | null = null;
  for (const b of members) {
    for (const row of rowsOf(records.complaints, b)) {
      complaints++;
      const at = evidence.complaints[row]!.filedAt;
      if (!at) continue;
      if (firstAt === null || Date.parse(at) < Date.parse(firstAt)) firstAt = at;
      if (lastAt === null || Date.parse(at) > Date.parse(lastAt)) lastAt = at;
    }
  }
  return {
    complainants: facts.complainants,
    complaints,
    coordinated,
    firstAt,
    lastAt,
  };
}

function largest(identifiers: RingIdentifier[]): RingIdentifier | undefined {
  let best: RingIdentifier | undefined;
  for (const i of identifiers) if (!best || i.members.length > best.members.length) best = i;
  return best;
}

/** Which members have the records each signal needs. */
function memberRecords(members: readonly number[], { evidence, records, shingles }: RingEvidence) {
  const has = {
    voiceprint: new Set<number>(),
    phone: new Set<number>(),
    device: new Set<number>(),
    text: new Set<number>(),
    complaint: new Set<number>(),
    recruitment: new Set<number>(),
    overdue: 0,
    overdueKnown: 0,
  };
  for (const b of members) {
    const profile = records.profile[b];
    if (profile?.overdueDays !== undefined) {
      has.overdueKnown++;
      if (profile.overdueDays > 0) has.overdue++;
    }
    if (records.phoneLinks[b]) has.phone.add(b);
    if (records.deviceLinks[b]) has.device.add(b);
    if (records.recruited[b]) has.recruitment.add(b);
    for (const row of rowsOf(records.calls, b)) {
      const call = evidence.calls[row]!;
      if (call.voiceprintId) has.voiceprint.add(b);
      if (call.phone) has.phone.add(b);
    }
    for (const row of rowsOf(records.complaints, b)) {
      const complaint = evidence.complaints[row]!;
      has.complaint.add(b);
      if (complaint.phone) has.phone.add(b);
      if (complaint.deviceId) has.device.add(b);
      if (shingles.of[row]) has.text.add(b);
    }
  }
  return has;
}

function tallyCalls(members: readonly number[], { evidence, records }: RingEvidence): Map<number, CallTally> {
  const tallies = new Map<number, CallTally>();
  for (const b of members) {
    const t: CallTally = { calls: 0, voiceprinted: 0, voiceChecked: 0, voiceMismatched: 0, identityChecked: 0, identityFailed: 0 };
    for (const row of rowsOf(records.calls, b)) {
      const call = evidence.calls[row]!;
      t.calls++;
      if (call.voiceprintId) t.voiceprinted++;
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

/** Members with a complaint that nearly duplicates another member's. */
function templatedMembers(members: readonly number[], { records, shingles, options }: RingEvidence): Set<number> {
  const positions = members.flatMap((b) => [...rowsOf(records.complaints, b)]);
  const templated = new Set<number>();
  for (const group of nearDuplicateGroups(positions, shingles, options.templateJaccard, options.maxTextsPerRing)) {
    const filers = new Set(group.map((p) => records.complaintOwner[p]!));
    if (filers.size >= 2) for (const b of filers) templated.add(b);
  }
  return templated;
}
