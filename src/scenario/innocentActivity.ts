import type { Call, Complaint } from '../contract/ingestBatch';
import type { Evidence } from '../contract/evidence';
import { channelIdsOfKind } from './channels';
import { burstOwnWords, fillSlots, type ComplaintDetails } from './complaintDetails';
import { pasteTemplate } from './complaintTemplates';
import type { BorrowerIdentity, RecordMarks, ScenarioContext } from './context';
import { dayToIso, DAYS_IN_YEAR } from './identifiers';
import type { FieldGroup } from './innocentPlan';

/**
 * What membership of an innocent group does to a borrower's records. The ordinary life
 * (population.ts) is generated first; a group then overrides some of the borrower's own
 * identifiers before it is generated (identityOverride) and adds or rewrites records
 * after (innocentActivity). Every draw here is from the field stream.
 */

export interface IdentityOverride {
  phone?: string;
  voiceprint?: string;
  device?: string;
  /** Day of 2024 the borrower registered. */
  registered?: number;
  overdue?: boolean;
  adSource?: string;
}

export function identityOverride(ctx: ScenarioContext, group: FieldGroup, index: number): IdentityOverride {
  const { field, params } = ctx;
  switch (group.kind) {
    case 'proxyFamily':
      // A relative who borrows too handles the family's calls from their own phone and handset.
      return group.handler === index ? { phone: group.phone, voiceprint: group.voiceprint, ...(group.device ? { device: group.device } : {}) } : {};
    case 'broker': {
      const registered = field.between(group.from, group.to);
      return field.chance(params.brokers.adSourceRate) ? { registered, adSource: group.adSource } : { registered };
    }
    case 'recycledNumber':
      return group.members[0] === index
        ? { phone: group.phone, registered: group.registered[0], ...(field.chance(params.recycledNumbers.formerOverdueRate) ? { overdue: true } : {}) }
        : { phone: group.phone, registered: group.registered[1], voiceprint: group.newHolderVoice };
    case 'publicTemplate':
      return field.chance(params.publicTemplates.overdueRate) ? { overdue: true } : {};
    case 'complaintBurst':
      return group.cause === 'collectionIncident' ? { overdue: true } : {};
    case 'caregiver':
      return {};
  }
}

const later = (ctx: ScenarioContext, day: number): number => ctx.field.between(day, DAYS_IN_YEAR - 1);

/** The borrower's own calls in this chunk. */
const callsOf = (out: Evidence, marks: RecordMarks, borrower: BorrowerIdentity): Call[] =>
  out.calls.slice(marks.calls).filter((call) => call.borrowerId === borrower.id);

/**
 * Someone else (a relative, a carer) places most of the borrower's calls: their phone,
 * their voice; the voice check fails unless they enrolled the voiceprint themselves.
 * A borrower who never called still gets a call placed for them: that is why they have a
 * helper.
 */
function handOverCalls(
  ctx: ScenarioContext,
  out: Evidence,
  marks: RecordMarks,
  borrower: BorrowerIdentity,
  helper: { phone: string; voiceprint: string; share: number; identityFailRate: number; enrolled: boolean },
): void {
  const { field, mint } = ctx;
  const placed = (call: Call): void => {
    call.phone = helper.phone;
    call.voiceprintId = helper.voiceprint;
    call.voiceMatch = helper.enrolled;
    call.identityVerified = !field.chance(helper.identityFailRate);
  };
  const own = callsOf(out, marks, borrower);
  for (const call of own) if (field.chance(helper.share)) placed(call);
  if (own.length > 0) return;
  for (let n = 1 + field.poisson(1); n > 0; n--) {
    const call: Call = { id: mint.callId(), borrowerId: borrower.id, at: dayToIso(later(ctx, borrower.registered)) };
    placed(call);
    out.calls.push(call);
  }
}

/** A complaint the borrower filed anyway gives the helper's phone for call-backs. */
function complaintsGiveHelperPhone(out: Evidence, marks: RecordMarks, borrower: BorrowerIdentity, phone: string): void {
  for (const complaint of out.complaints.slice(marks.complaints)) if (complaint.borrowerId === borrower.id) complaint.phone = phone;
}

const PUBLIC_CHANNELS = [
  { weight: 0.55, ids: channelIdsOfKind('regulator') },
  { weight: 0.3, ids: channelIdsOfKind('consumer_platform') },
  { weight: 0.1, ids: channelIdsOfKind('social_media') },
  { weight: 0.05, ids: channelIdsOfKind('in_app') },
];
const PUBLIC_CLAIMS = [['violent_collection', 0.5], ['illegal_interest', 0.2], ['other', 0.3]] as const;

function weighted<T>(ctx: ScenarioContext, items: readonly (readonly [T, number])[]): T {
  let u = ctx.field.next();
  for (const [item, weight] of items) if ((u -= weight) < 0) return item;
  return items[items.length - 1]![0];
}

export const detailsOf = (borrower: BorrowerIdentity, phone: string, filedDay: number): ComplaintDetails => ({
  name: borrower.name,
  index: borrower.index,
  loanDay: borrower.registered,
  principal: borrower.principal,
  phone,
  filedDay,
});

/** One complaint from the borrower's own phone and handset. */
function ownComplaint(ctx: ScenarioContext, borrower: BorrowerIdentity, channelId: string, filedDay: number, claim: string, text: string): Complaint {
  return {
    id: ctx.mint.complaintId(),
    borrowerId: borrower.id,
    channelId,
    filedAt: dayToIso(filedDay),
    phone: borrower.phone,
    deviceId: borrower.device,
    claim,
    text,
  };
}

/** A public template pasted by the borrower with their own particulars. */
export function publicTemplateComplaint(ctx: ScenarioContext, borrower: BorrowerIdentity, group: FieldGroup & { kind: 'publicTemplate' }, filedDay: number, channelId?: string): Complaint {
  const { field } = ctx;
  const claim = weighted(ctx, PUBLIC_CLAIMS);
  const channel = channelId ?? field.pick(weighted(ctx, PUBLIC_CHANNELS.map((c) => [c.ids, c.weight] as const)));
  const text = fillSlots(pasteTemplate(group.template, claim, field), detailsOf(borrower, borrower.phone, filedDay), field);
  return ownComplaint(ctx, borrower, channel, filedDay, claim, text);
}

/** Filers find a guide soon after it is posted, and fewer as weeks pass. */
function publicFiling(ctx: ScenarioContext, borrower: BorrowerIdentity, group: FieldGroup & { kind: 'publicTemplate' }, out: Evidence): void {
  const { field, params } = ctx;
  const from = Math.max(group.from, borrower.registered + 1);
  const filed = Math.min(DAYS_IN_YEAR - 1, from + (group.to - group.from) * field.next() ** 2);
  const first = publicTemplateComplaint(ctx, borrower, group, filed);
  out.complaints.push(first);
  if (field.chance(params.publicTemplates.secondChannelRate)) {
    out.complaints.push(publicTemplateComplaint(ctx, borrower, group, Math.min(DAYS_IN_YEAR - 1, filed + field.between(1, 14))));
  }
}

function burstComplaint(ctx: ScenarioContext, borrower: BorrowerIdentity, group: FieldGroup & { kind: 'complaintBurst' }, out: Evidence): void {
  const { field, params, plan } = ctx;
  const filed = field.between(group.from, group.to);
  const claim = group.cause === 'collectionIncident' ? 'violent_collection' : field.pick(['fee_dispute', 'illegal_interest']);
  const templates = plan.field.publicTemplateGroups;
  if (templates.length > 0 && field.chance(params.bursts.templateShare)) {
    out.complaints.push(publicTemplateComplaint(ctx, borrower, field.pick(templates), filed, group.channelId));
    return;
  }
  const text = burstOwnWords(group.cause, detailsOf(borrower, borrower.phone, filed), field);
  out.complaints.push(ownComplaint(ctx, borrower, group.channelId, filed, claim, text));
}

export function innocentActivity(ctx: ScenarioContext, borrower: BorrowerIdentity, group: FieldGroup, marks: RecordMarks, out: Evidence): void {
  const { field, params, mint } = ctx;
  switch (group.kind) {
    case 'proxyFamily': {
      if (group.handler === borrower.index) return;
      const f = params.proxyFamilies;
      if (group.device) out.deviceLinks.push({ borrowerId: borrower.id, deviceId: group.device, seenAt: dayToIso(later(ctx, borrower.registered)) });
      if (field.chance(f.contactRate)) out.phoneLinks.push({ borrowerId: borrower.id, phone: group.phone, role: 'contact' });
      const enrolled = field.chance(f.enrolledByRelativeRate);
      handOverCalls(ctx, out, marks, borrower, { phone: group.phone, voiceprint: group.voiceprint, share: f.handledCallShare, identityFailRate: f.identityFailRate, enrolled });
      complaintsGiveHelperPhone(out, marks, borrower, group.phone);
      return;
    }
    case 'caregiver': {
      const c = params.caregivers;
      if (group.device) out.deviceLinks.push({ borrowerId: borrower.id, deviceId: group.device, seenAt: dayToIso(later(ctx, borrower.registered)) });
      if (field.chance(c.contactRate)) out.phoneLinks.push({ borrowerId: borrower.id, phone: group.phone, role: 'contact' });
      handOverCalls(ctx, out, marks, borrower, { phone: group.phone, voiceprint: group.voiceprint, share: c.handledCallShare, identityFailRate: c.identityFailRate, enrolled: false });
      complaintsGiveHelperPhone(out, marks, borrower, group.phone);
      return;
    }
    case 'broker': {
      const b = params.brokers;
      // The application was filled in on the broker's phone, on the day of registration.
      if (field.chance(b.deviceRate)) out.deviceLinks.push({ borrowerId: borrower.id, deviceId: group.device, seenAt: dayToIso(borrower.registered) });
      if (field.chance(b.contactRate)) out.phoneLinks.push({ borrowerId: borrower.id, phone: group.phone, role: 'contact' });
      if (field.chance(b.callRate)) {
        out.calls.push({
          id: mint.callId(),
          borrowerId: borrower.id,
          phone: group.phone,
          at: dayToIso(borrower.registered + field.between(0, 10)),
          voiceprintId: group.voiceprint,
          voiceMatch: false,
          identityVerified: field.chance(0.5),
        });
      }
      return;
    }
    case 'recycledNumber': {
      if (group.members[0] !== borrower.index) return;
      // Collection calls to the former holder's number now reach the new holder.
      for (let n = field.poisson(params.recycledNumbers.misdirectedCalls); n > 0; n--) {
        out.calls.push({
          id: mint.callId(),
          borrowerId: borrower.id,
          phone: group.phone,
          at: dayToIso(later(ctx, group.registered[1])),
          voiceprintId: group.newHolderVoice,
          voiceMatch: false,
          identityVerified: false,
        });
      }
      return;
    }
    case 'publicTemplate':
      publicFiling(ctx, borrower, group, out);
      return;
    case 'complaintBurst':
      burstComplaint(ctx, borrower, group, out);
      return;
  }
}
