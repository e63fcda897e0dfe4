import type { Hub, IdentifierKind, MemberReason, Signal, SignalName, UnobservedReason, Usage } from '../contract/ring';

/**
 * The ring contract in words, for people: the API's `description` and `reasons`, the
 * evidence pack and the CLI all word facts here, and only here. Personal data is masked
 * on the facts before they are worded, so nothing here needs to know who may read it.
 */

const USAGE_WORDS: Record<Usage, string> = {
  registeredPhone: 'registered phone',
  contactPhone: 'contact phone',
  complaintPhone: 'complained from',
  callPhone: 'called from',
  deviceLogin: 'logged in from',
  complaintDevice: 'complained from',
  callVoice: 'voice on calls',
  recruitment: 'recruited through',
  templateComplaint: 'filed the campaign text',
};

const KIND_WORDS: Record<IdentifierKind, string> = {
  phone: 'phone',
  device: 'device',
  voice: 'voice',
  adSource: 'ad source',
  template: 'recruitment campaign',
};

const UNOBSERVED_WORDS: Record<UnobservedReason, string> = {
  noVoiceprints: 'fewer than two members have a call with a voiceprint',
  noPhoneRecords: 'fewer than two members have a phone on record',
  noDeviceRecords: 'fewer than two members have a device on record',
  noVoiceChecks: 'no member has a call whose voice was checked',
  noIdentityChecks: 'no member has a call with an identity check',
  noTimedComplaints: 'fewer than two members have a complaint with a time',
  noComplaintTexts: 'fewer than two members have a complaint text long enough to compare',
  noRecruitments: 'fewer than two members have a recorded ad source',
  noOverdueStatus: 'no member has a known repayment status',
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function describeReason(reason: MemberReason): string {
  switch (reason.kind) {
    case 'sharedIdentifier': {
      const how = reason.usages.map((u) => USAGE_WORDS[u]).join(', ');
      return `${KIND_WORDS[reason.identifier.kind]} ${reason.identifier.id} (${how}) shared with ${plural(reason.sharedWith, 'other member')}`;
    }
    case 'voiceMismatch':
      return `${reason.failed}/${reason.checked} calls failed the voice match`;
    case 'identityFailed':
      return `${reason.failed}/${reason.checked} calls failed identity verification`;
    case 'complaintLockstep':
      return `complained through ${reason.channelKind} channels within ${reason.windowHours} h of ${plural(reason.others, 'other member')}`;
    case 'templateText':
      return `complaint text nearly duplicates that of ${plural(reason.others, 'other member')}`;
  }
}

const SIGNAL_WORDS: Record<SignalName, (s: Signal) => string> = {
  sharedVoice: (s) => `${s.count}/${s.of} voiceprinted members spoken for by a voice that also speaks for other members`,
  sharedOperatorPhone: (s) => `${s.count}/${s.of} members tied to a phone used to complain or call for other members`,
  sharedDevice: (s) => `${s.count}/${s.of} members use a device shared with other members`,
  voiceMismatchRate: (s) => `${s.count}/${s.of} voice-checked members had a call whose voice did not match theirs`,
  failedIdentityRate: (s) => `${s.count}/${s.of} identity-checked members failed a check on a call`,
  complaintLockstep: (s) =>
    s.count > 0 ? `${s.count}/${s.of} members with timed complaints complained through ${s.channelKind} channels within ${s.windowHours} h` : `no members complained through one kind of channel within ${s.windowHours} h`,
  templateSimilarity: (s) => `${s.count}/${s.of} members with complaint texts filed one nearly identical to another member's`,
  specificAdSource: (s) => (s.adSourceId ? `${s.count}/${s.of} members recruited through ad source ${s.adSourceId} (${s.adSourceRecruits} recruits in all)` : 'no ad source shared by members'),
  complaintCoverage: (s) => `${s.count}/${s.of} members complained`,
  overdueShare: (s) => `${s.count}/${s.of} members with a known status are overdue`,
};

export function describeSignal(signal: Signal): string {
  if (!signal.observed) return `not observed: ${UNOBSERVED_WORDS[signal.unobservedBecause ?? 'noVoiceprints']}`;
  return SIGNAL_WORDS[signal.name](signal);
}

export const describeUnobserved = (reason: UnobservedReason): string => UNOBSERVED_WORDS[reason];

const HUB_WORDS: Record<Hub['usage'], string> = {
  passive: 'held, never acted through, by',
  acting: 'used to complain, call or speak by',
  adSource: 'recruited',
};

export function describeHub(hub: Hub): string {
  if (hub.action === 'downweighted') {
    return `held by ${hub.degree} borrowers, more than a household (${hub.limit}), nobody acting through it: kept at specificity ${(hub.specificity ?? 0).toFixed(3)}`;
  }
  return `${HUB_WORDS[hub.usage]} ${hub.degree} borrowers (above ${hub.limit}): ties unrelated people, ignored`;
}
